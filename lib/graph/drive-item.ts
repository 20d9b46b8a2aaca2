/** The parts of Graph's driveItem the sync reads (docs/graph-contract.md §2). */
export type DriveItem = {
  id: string;
  name: string;
  size?: number;
  eTag?: string;
  cTag?: string;
  file?: { mimeType?: string; hashes?: { quickXorHash?: string } };
  folder?: { childCount?: number };
  deleted?: { state?: string };
  parentReference?: { driveId?: string; id?: string; path?: string };
  lastModifiedBy?: { user?: { displayName?: string }; application?: { displayName?: string } };
  "@microsoft.graph.downloadUrl"?: string;
};

/** Characters SharePoint refuses in a name, and what it cannot end with. */
const INVALID = /["*:<>?/\\|#%]/g;

/** A name SharePoint accepts for `raw`: refused characters replaced, no trailing dots or spaces, at most 200 characters. */
export function sharePointName(raw: string, fallback = "Untitled"): string {
  const cleaned = raw.replace(INVALID, "-").replace(/[\u0000-\u001f]/g, "").replace(/[. ]+$/, "").trim().slice(0, 200).replace(/[. ]+$/, "");
  return cleaned === "" || cleaned.startsWith("~$") ? fallback : cleaned;
}

/** A path segment as Graph's path addressing wants it (`root:/a/b:`). */
export function pathSegment(name: string): string {
  return encodeURIComponent(name);
}
