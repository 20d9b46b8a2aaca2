// Public types of the stand-in, kept apart from index.ts so internal modules can import them without cycles.

export type StandinTenant = { tenantId: string; clientId: string; clientSecret: string; roles?: string[] };
export type StandinSite = {
  hostname: string;
  path: string;
  displayName: string;
  quotaBytes?: number;
  /** Extension: the tenant that owns the site (default: the first tenant). Tokens of other tenants do not see it. */
  tenantId?: string;
};
export type StandinLabel = {
  name: string;
  behaviorDuringRetentionPeriod: "doNotRetain" | "retain" | "retainAsRecord" | "retainAsRegulatoryRecord";
  isDeleteAllowed?: boolean;
  isContentUpdateAllowed?: boolean;
  isLabelUpdateAllowed?: boolean;
  isMetadataUpdateAllowed?: boolean;
};
export type StandinOptions = {
  port?: number;
  host?: string;
  tenants: StandinTenant[];
  sites: StandinSite[];
  labels?: StandinLabel[];
  blobDir?: string;
  uploadSessionTtlMs?: number;
  pageSize?: number;
  resourceUnits?: { perWindow: number; windowSeconds: number } | null;
  lockedStatus?: 423 | 403;
  emptyLabelStatus?: 404 | 200;
  now?: () => number;
};
export type StandinRequestRecord = {
  at: number;
  method: string;
  path: string;
  status: number;
  requestId: string;
  clientRequestId: string | null;
  ru: number;
  insideRetryAfter: boolean;
  bytesIn: number;
  throttled: boolean;
  app: string | null;
};
export type FaultRule = {
  method?: string;
  path?: string | RegExp;
  times?: number;
  status: number;
  code?: string;
  innerCode?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  resetConnection?: boolean;
};
export type StandinItemView = {
  id: string;
  name: string;
  eTag: string;
  cTag: string | null;
  size: number;
  parentId: string;
  path: string;
  isFolder: boolean;
  retentionLabel: { name: string; isRecordLocked: boolean } | null;
  lastModifiedBy: string;
};
export type StandinUploadSessionView = {
  uploadUrl: string;
  fileName: string;
  total: number;
  received: number;
  bytesReceivedTotal: number;
  fragments: { start: number; end: number }[];
  committed: boolean;
};
export type GraphStandin = {
  url: string;
  graphUrl: string;
  caPem: string;
  authorityMetadata(tenantId: string): string;
  cloudDiscoveryMetadata(): string;
  requests: StandinRequestRecord[];
  faults: { add(rule: FaultRule): void; clear(): void };
  remote: {
    siteId(hostname: string, path: string): string;
    driveId(siteId: string): string;
    findByPath(driveId: string, path: string): StandinItemView | null;
    get(driveId: string, itemId: string): StandinItemView | null;
    editContent(driveId: string, itemId: string, bytes: Uint8Array, by?: string): StandinItemView;
    rename(driveId: string, itemId: string, name: string): StandinItemView;
    delete(driveId: string, itemId: string): void;
    content(driveId: string, itemId: string): Promise<Buffer>;
    setRecordLocked(driveId: string, itemId: string, locked: boolean): void;
    fillQuota(driveId: string): void;
    expireDeltaTokens(driveId: string): void;
    uploadSessions(): StandinUploadSessionView[];
    /** Extension: flags the item's content as malware, so downloads answer 403 malwareDetected. */
    markMalware(driveId: string, itemId: string): void;
  };
  close(): Promise<void>;
};
