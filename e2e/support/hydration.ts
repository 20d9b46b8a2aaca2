import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated the element, so that a click on a form's button submits through
 * React's server-action fetch rather than as a native form POST (which Next.js's server-action
 * origin check may refuse).
 */
export async function expectHydrated(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber"))))
    .toBe(true);
}
