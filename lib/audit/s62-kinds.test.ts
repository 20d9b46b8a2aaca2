/** The s.62 kind each action is recorded as: case content by its verb, the exceptions by name, the rest none. */
import { describe, expect, it } from "vitest";
import { s62KindOf } from "./s62-kinds";

describe("s62KindOf", () => {
  it.each([
    ["document.create", "collection"],
    ["file.upload", "collection"],
    ["comment.reply", "collection"],
    ["submission.submit", "collection"],
    ["document.remote_version", "collection"],
    ["document.remark", "alteration"],
    ["card.move", "alteration"],
    ["space.member_remove", "alteration"],
    ["record.label", "alteration"],
    ["document.read", "consultation"],
    ["submission.versions_read", "consultation"],
    ["card.my_work_read", "consultation"],
    ["document.export", "disclosure"],
    ["file.download", "disclosure"],
    ["submission.export_csv", "disclosure"],
    ["briefing.pptx", "disclosure"],
    ["space.member_add", "disclosure"],
    ["graph.sync.upload", "disclosure"],
    ["graph.sync.label", "disclosure"],
    ["card.link", "combination"],
    ["record.subject", "combination"],
    ["document.delete", "erasure"],
    ["record.dispose", "erasure"],
    ["graph.sync.delete", "erasure"],
  ] as const)("%s is %s", (action, kind) => {
    expect(s62KindOf(action)).toBe(kind);
  });

  it.each(["auth.sign_in", "token.create", "retention_label.create", "form.publish", "agreement.update", "graph.connection.create", "graph.sync.retry", "system.seed_scenario", "audit.export", "agency.justification_policy", "nonsense"])(
    "%s processes no case content",
    (action) => {
      expect(s62KindOf(action)).toBeNull();
    },
  );
});
