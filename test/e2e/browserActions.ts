// Browser actions the launcher performs for tests running inside the extension host (which has
// no access to the browser): screenshots, and clicks/typing/reading in the workbench or inside
// the active webview's frame. Used only by launch.ts (playwright side).
import path from 'node:path';
import type { Page, FrameLocator, Locator } from 'playwright-core';

export type Step =
  | { fill: { selector: string; value: string } }
  | { click: string }
  | { select: { selector: string; value: string } }
  | { press: string }
  | { waitText: { selector: string; text: string; timeoutMs?: number } }
  | { text: string }
  | { count: string }
  | { html: string }
  /** Drags the right edge of an element (the sash beside it) by dx pixels: resizing the sidebar. */
  | { dragRightEdge: { selector: string; dx: number } };

export type BrowserAction =
  | { kind: 'screenshot'; name: string }
  | { kind: 'webview'; steps: Step[] }
  | { kind: 'workbench'; steps: Step[] };

function webviewFrame(page: Page): FrameLocator {
  // The active webview: outer iframe (VS Code's host) → #active-frame (the extension's document).
  return page.locator('iframe.webview.ready').last().contentFrame().locator('#active-frame').contentFrame();
}

async function runSteps(root: { locator(selector: string): Locator }, steps: Step[], page?: Page): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const step of steps) {
    if ('fill' in step) await root.locator(step.fill.selector).first().fill(step.fill.value, { timeout: 15_000 });
    else if ('click' in step) await root.locator(step.click).first().click({ timeout: 15_000 });
    else if ('select' in step) await root.locator(step.select.selector).first().selectOption(step.select.value, { timeout: 15_000 });
    else if ('press' in step) await root.locator('body').first().press(step.press);
    else if ('waitText' in step) {
      const target = root.locator(step.waitText.selector).filter({ hasText: step.waitText.text }).first();
      // 'attached': <option> elements never count as visible.
      await target.waitFor({ state: 'attached', timeout: step.waitText.timeoutMs ?? 30_000 });
      out.push(await target.textContent());
    } else if ('text' in step) out.push(await root.locator(step.text).first().textContent({ timeout: 15_000 }));
    else if ('count' in step) out.push(await root.locator(step.count).count());
    else if ('html' in step) out.push(await root.locator(step.html).first().evaluate((e) => e.outerHTML));
    else if ('dragRightEdge' in step) {
      const box = await root.locator(step.dragRightEdge.selector).first().boundingBox({ timeout: 15_000 });
      if (!box || !page) throw new Error(`cannot drag ${step.dragRightEdge.selector} here`);
      const [x, y] = [box.x + box.width, box.y + box.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + step.dragRightEdge.dx, y, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(x + step.dragRightEdge.dx + 300, y); // off the sash, so it is not highlighted
    }
  }
  return out;
}

export async function runBrowserAction(page: Page, action: BrowserAction, resultsDir: string): Promise<unknown> {
  switch (action.kind) {
    case 'screenshot': {
      const name = action.name.replace(/[^\w.-]/g, '_');
      await page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
      return name;
    }
    case 'webview':
      return runSteps(webviewFrame(page), action.steps);
    case 'workbench':
      return runSteps(page, action.steps, page);
  }
}
