// The whole schema, one file per aggregate.
export * from "./agencies";
export * from "./users";
export * from "./identity";
export * from "./agreements";
export * from "./spaces";
export * from "./documents";
export * from "./audit";
export * from "./access-tokens";
export * from "./member-documents";
export * from "./document-content";
export * from "./files";
export * from "./comments";
export * from "./boards";
export * from "./response-templates";
export * from "./briefings";
export * from "./notifications";
export * from "./forms";
