/**
 * The editor's image checks agree with the server's (the same types and extensions as
 * lib/files/detect-file-type.ts), name pasted images so the server accepts them, describe
 * an image by its file name until the person writes better, and insert only Accord's own clean
 * image files.
 */
import { describe, expect, it } from "vitest";
import { ALLOWED_TYPES } from "@/lib/files/detect-file-type";
import { defaultAltText, IMAGE_ACCEPT, IMAGE_TYPES, imageFileProblem, imageSrcOf, pastedImages, uploadErrorMessage, uploadNameFor } from "./image-files";

const MB = 1024 * 1024;
const FILE_ID = "3f0c9a52-8d1e-4b7a-9c3d-2e4f5a6b7c8d";

describe("image types", () => {
  it("are exactly the server's image types, with the same extensions", () => {
    const serverImages = Object.entries(ALLOWED_TYPES)
      .filter(([, t]) => t.mediaType.startsWith("image/"))
      .map(([ext, t]) => [ext, t.mediaType])
      .sort();
    const ours = Object.entries(IMAGE_TYPES)
      .flatMap(([type, exts]) => exts.map((ext) => [ext, type]))
      .sort();
    expect(ours).toEqual(serverImages);
    expect(IMAGE_ACCEPT).toBe("image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp");
  });
});

describe("imageFileProblem", () => {
  it.each([
    [{ name: "scene.png", type: "image/png", size: 10 }, null],
    [{ name: "scene.JPEG", type: "", size: 10 }, null],
    [{ name: "image", type: "image/webp", size: 10 }, null],
    [{ name: "report.pdf", type: "application/pdf", size: 10 }, "“report.pdf” is not a PNG, JPEG, GIF or WebP image, so it cannot be put into the document. Add other files to the space’s Files instead."],
    [{ name: "vector.svg", type: "image/svg+xml", size: 10 }, "“vector.svg” is not a PNG, JPEG, GIF or WebP image, so it cannot be put into the document. Add other files to the space’s Files instead."],
    [{ name: "blank.gif", type: "image/gif", size: 0 }, "“blank.gif” is empty."],
    [{ name: "huge.png", type: "image/png", size: 25 * MB + 1 }, "“huge.png” is larger than 25 MB, the most a file may be."],
    [{ name: "", type: "image/png", size: 26 * MB }, "“The pasted image” is larger than 25 MB, the most a file may be."],
  ])("%o: %s", (file, expected) => {
    expect(imageFileProblem(file, 25 * MB)).toBe(expected);
  });
});

describe("pastedImages", () => {
  const png = { name: "image.png", type: "image/png", size: 10 };
  const pdf = { name: "brief.pdf", type: "application/pdf", size: 10 };
  it("takes the images of a paste that holds only files", () => {
    expect(pastedImages([png, pdf], "")).toEqual([png]);
    expect(pastedImages([png], " \n")).toEqual([png]);
  });
  it("leaves a paste with text to the editor, though the clipboard also holds a picture of it (Word, Excel)", () => {
    expect(pastedImages([png], "Witness statement taken")).toEqual([]);
  });
  it("leaves a paste without images to the editor", () => {
    expect(pastedImages([pdf], "")).toEqual([]);
    expect(pastedImages([], "")).toEqual([]);
  });
});

describe("uploadNameFor", () => {
  it.each([
    [{ name: "Scene photo.jpg", type: "image/jpeg", size: 1 }, "Scene photo.jpg"],
    [{ name: "image", type: "image/png", size: 1 }, "image.png"],
    [{ name: "", type: "image/webp", size: 1 }, "Pasted image.webp"],
    [{ name: "blob.bin", type: "image/gif", size: 1 }, "blob.gif"],
    [{ name: "", type: "", size: 1 }, "Pasted image.png"],
  ])("%o → %s", (file, expected) => {
    expect(uploadNameFor(file)).toBe(expected);
  });
});

describe("defaultAltText", () => {
  it.each([
    ["Vehicle_at_harbour.jpg", "Vehicle at harbour"],
    ["ANPR-camera--A30.png", "ANPR camera A30"],
    ["scene.tar.gif", "scene.tar"],
    ["noext", "noext"],
  ])("%s → %s", (name, expected) => {
    expect(defaultAltText(name)).toBe(expected);
  });
});

describe("imageSrcOf", () => {
  const contentUrl = `/api/v1/files/${FILE_ID}/content`;
  it("gives the content URL of a clean image", () => {
    expect(imageSrcOf({ contentUrl, mediaType: "image/png", status: "clean" })).toBe(contentUrl);
  });
  it.each([
    ["held in quarantine", { contentUrl, mediaType: "image/png", status: "quarantined" }],
    ["not an image after all", { contentUrl, mediaType: "application/pdf", status: "clean" }],
    ["a URL that is not Accord's file route", { contentUrl: "https://evil.example/x.png", mediaType: "image/png", status: "clean" }],
    ["nothing", {}],
  ])("gives nothing for a file %s", (_label, uploaded) => {
    expect(imageSrcOf(uploaded)).toBeNull();
  });
});

describe("uploadErrorMessage", () => {
  it("shows the server's reason for a refused type or size", () => {
    const message = '"scan.png" does not contain a PNG image (its content is GIF), so it was not uploaded.';
    expect(uploadErrorMessage(415, { error: { code: "file_content_mismatch", message } })).toBe(message);
    expect(uploadErrorMessage(413, { error: { code: "file_too_large", message: "Too large." } })).toBe("Too large.");
  });
  it("says why it is not allowed, and what a lost session or connection means", () => {
    expect(uploadErrorMessage(403, { error: { code: "forbidden", message: "Your vetting does not allow you to add a file marked SECRET" } })).toBe(
      "You are not allowed to add this image: Your vetting does not allow you to add a file marked SECRET",
    );
    expect(uploadErrorMessage(403, null)).toBe("You are not allowed to add images to this space.");
    expect(uploadErrorMessage(401, null)).toBe("Your session has ended. Please sign in again, then add the image.");
    expect(uploadErrorMessage(404, { error: { code: "not_found", message: "Not found" } })).toBe("The image could not be added: this document’s space is no longer open to you.");
    expect(uploadErrorMessage(0, null)).toBe("The image did not reach Accord. Check your connection and try again.");
    expect(uploadErrorMessage(500, { error: { message: 42 } })).toBe("The image could not be uploaded (status 500).");
  });
});
