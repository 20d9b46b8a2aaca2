/**
 * Holds on single items, in the browser (issue 8): Janet places a CPIA hold on one document of
 * DCP Training, chosen from the space's items on the new-hold page; on the hold's page she adds a
 * second document of the same space; Priya, who owns the space, then cannot delete the held
 * document (the refusal says why, and the document stays); Janet releases the hold with a reason,
 * and the hold shows who released it and why.
 */
import { test, expect, PEOPLE, expectHydrated } from "./fixtures";

test("Janet holds single documents of a space, adds one on the hold's page, and releases the hold with a reason", async ({ openSession, scenario }) => {
  test.setTimeout(120_000);
  const priya = await openSession(PEOPLE.priya);
  const tag = Date.now().toString(36);
  const training = scenario.spaces.training.id;
  const origin = new URL(priya.page.url()).origin;
  const make = async (title: string) => {
    const created = await priya.context.request.post("/api/v1/documents", { data: { spaceId: training, title }, headers: { origin } });
    expect(created.ok()).toBe(true);
    return ((await created.json()) as { id: string }).id;
  };
  const first = await make(`Disclosure schedule ${tag}`);
  await make(`Unused material ${tag}`);

  const janet = await openSession(PEOPLE.janet);
  const page = janet.page;
  await page.goto("/records/holds/new");
  await page.getByLabel("To hold single items rather than whole spaces, first choose their space").selectOption({ label: "DCP Training" });
  await page.getByRole("button", { name: "Show its items" }).click();
  const name = page.getByRole("textbox", { name: "Name", exact: true });
  await expectHydrated(name);
  await name.fill(`CPIA: Training disclosure ${tag}`);
  await page.getByLabel("Kind").selectOption({ label: "CPIA" });
  await page.getByRole("textbox", { name: "Reason" }).fill("Relevant material under CPIA 1996.");
  await page.getByRole("checkbox", { name: new RegExp(`^Document: Disclosure schedule ${tag}`) }).check();
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page).toHaveURL(/\/records\/holds\/[0-9a-f-]{36}$/);
  const covers = page.getByRole("table", { name: "What the hold covers" });
  await expect(covers).toContainText(`Disclosure schedule ${tag}`);

  // On the hold's page: the same space, a second document; the first shows as already held.
  await page.getByLabel("Space", { exact: true }).selectOption({ label: "DCP Training" });
  await page.getByRole("button", { name: "Show its items" }).click();
  const adding = page.getByRole("form", { name: "Add items of DCP Training to the hold" });
  await expect(adding.getByRole("checkbox", { name: new RegExp(`Disclosure schedule ${tag}.*already held`) })).toBeDisabled();
  const second = adding.getByRole("checkbox", { name: new RegExp(`^Document: Unused material ${tag}`) });
  await expectHydrated(second);
  await second.check();
  await adding.getByRole("button", { name: "Add to the hold" }).click();
  await expect(adding.getByRole("status")).toHaveText("1 item of DCP Training added to this hold.");
  await expect(covers).toContainText(`Unused material ${tag}`);

  // Priya may delete her drafts, but not while they are held: the reason is shown, the draft stays.
  await priya.page.goto(`/documents/${first}`);
  const trigger = priya.page.getByRole("button", { name: "Delete document" });
  await expectHydrated(trigger);
  await trigger.click();
  const dialog = priya.page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Delete document" }).click();
  await expect(dialog.getByRole("alert")).toContainText("hold");
  expect((await priya.context.request.get(`/api/v1/documents/${first}`)).status()).toBe(200);

  // Released, with its reason.
  await page.getByLabel("Reason for releasing").fill("Disclosure complete: the trial has concluded.");
  await page.getByRole("button", { name: "Release hold" }).click();
  await expect(page.locator(".badge").filter({ hasText: "Released" })).toBeVisible();
  await expect(page.getByText("Why it was released")).toBeVisible();
  await expect(page.getByText("Disclosure complete: the trial has concluded.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add items of DCP Training to the hold" })).toHaveCount(0);
});
