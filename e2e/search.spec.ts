/**
 * Permission-trimmed search in the browser (issue 10): DC Alex Morgan (Dorset Police), for whom
 * the MASH space does not exist, searches for a word of its "Strategy meeting minutes" and gets
 * the page's ordinary "no results", worded exactly as for a word found nowhere; DS Priya Shah,
 * who owns the MASH space, searches for the same word from the navigation with the keyboard and
 * finds the minutes, the word marked in the snippet, the result opening the document.
 */
import { test, expect, PEOPLE } from "./fixtures";

// A word of the seeded minutes ("Attendees", their first heading) and nowhere else in the scenario.
const WORD = "attendees";

test("Alex finds nothing of the MASH minutes; Priya, the MASH owner, finds them", async ({ openSession, scenario }) => {
  test.setTimeout(90_000);
  const [alex, priya] = await Promise.all([openSession(PEOPLE.alex), openSession(PEOPLE.priya)]);

  // Alex: the normal no-results state, the same as for a word that occurs nowhere.
  await alex.page.goto(`/search?q=${WORD}`);
  await expect(alex.page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(alex.page.getByTestId("search-count")).toHaveText("No results.");
  await expect(alex.page.getByTestId("search-no-results")).toContainText(`No results for “${WORD}”.`);
  await expect(alex.page.getByTestId("search-result")).toHaveCount(0);
  const hidden = (await alex.page.getByRole("main").innerText()).replaceAll(WORD, "<word>");
  expect(hidden).not.toContain("Strategy meeting minutes");
  await alex.page.goto("/search?q=zzyzxnotaword");
  expect((await alex.page.getByRole("main").innerText()).replaceAll("zzyzxnotaword", "<word>")).toBe(hidden);
  // The API answers him the same way.
  const api = await alex.context.request.get(`/api/v1/search?q=${WORD}`);
  expect(await api.json()).toEqual({ items: [], total: 0, nextOffset: null });

  // Priya: from the navigation, by keyboard.
  const page = priya.page;
  await page.goto("/spaces");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page.getByTestId("search-empty")).toBeVisible();
  const box = page.getByRole("searchbox", { name: "Search for" });
  await box.focus();
  await page.keyboard.type(WORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=attendees/);
  const result = page.getByTestId("search-result").filter({ hasText: "Strategy meeting minutes" });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("Cornwall MASH: referral 2026-0412");
  await expect(result).toContainText("OFFICIAL-SENSITIVE PERSONAL DATA");
  await expect(result.locator("mark")).toHaveText(["Attendees"]);
  await result.getByRole("link", { name: "Strategy meeting minutes" }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${scenario.documents.strategyMinutes.id}$`));
});
