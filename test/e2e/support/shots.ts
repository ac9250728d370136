import type { Page } from '@playwright/test';

/**
 * Pictures of the page in both themes (`/tmp/<file>-light.png`, `-dark.png`), to look at after a UI change; the
 * page is left in the light theme.
 */
export async function shootBothThemes(page: Page, file: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `/tmp/${file}-${scheme}.png`, fullPage: opts.fullPage ?? true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
