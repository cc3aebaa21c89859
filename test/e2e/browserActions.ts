/// <reference lib="dom" />
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
  /** The value of an input, select or textarea. */
  | { value: string }
  | { count: string }
  | { html: string }
  /** Moves the mouse over an element from top to bottom, row by row (a terminal's link detection runs on hover). */
  | { sweep: { selector: string; rowPx: number } }
  /** Drags the right edge of an element (the sash beside it) by dx pixels: resizing the sidebar. */
  | { dragRightEdge: { selector: string; dx: number } }
  /** In a webview: posts a message to the extension exactly as the page's vscode.postMessage would. */
  | { postMessage: unknown }
  /** In a webview: adds a stylesheet link and reports "load" or "error" (what VS Code's resource loader served). */
  | { loadStylesheet: string };

export type BrowserAction =
  | { kind: 'screenshot'; name: string }
  /** Every frame's localStorage, sessionStorage and IndexedDB contents, as text. */
  | { kind: 'storage' }
  /** All text every frame has shown since it loaded (recorded by SEEN_TEXT_RECORDER). */
  | { kind: 'seen' }
  /** The outside addresses the page tried to open (the launcher stops them; see OUTSIDE). */
  | { kind: 'outside' }
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
    else if ('select' in step)
      await root.locator(step.select.selector).first().selectOption(step.select.value, { timeout: 15_000 });
    else if ('press' in step) await root.locator('body').first().press(step.press);
    else if ('waitText' in step) {
      const target = root.locator(step.waitText.selector).filter({ hasText: step.waitText.text }).first();
      // 'attached': <option> elements never count as visible.
      await target.waitFor({ state: 'attached', timeout: step.waitText.timeoutMs ?? 30_000 });
      out.push(await target.textContent());
    } else if ('value' in step) out.push(await root.locator(step.value).first().inputValue({ timeout: 15_000 }));
    else if ('text' in step) out.push(await root.locator(step.text).first().textContent({ timeout: 15_000 }));
    else if ('count' in step) out.push(await root.locator(step.count).count());
    else if ('html' in step)
      out.push(
        await root
          .locator(step.html)
          .first()
          .evaluate((e) => e.outerHTML),
      );
    else if ('postMessage' in step) {
      // The channel VS Code's acquireVsCodeApi() uses (webview/browser/pre/index.html).
      // It lives in VS Code's outer webview frame, the parent of the extension's document.
      if (!page) throw new Error('postMessage needs the page');
      await page
        .locator('iframe.webview.ready')
        .last()
        .contentFrame()
        .locator('html')
        .first()
        .evaluate(
          (_, message) =>
            (window as unknown as Record<string, (channel: string, data: unknown) => void>).__vscode_post_message__(
              'onmessage',
              { message },
            ),
          step.postMessage,
        );
    } else if ('loadStylesheet' in step) {
      out.push(
        await root
          .locator('head')
          .first()
          .evaluate(
            (head, href) =>
              new Promise<string>((resolve) => {
                const link = document.createElement('link');
                link.rel = 'stylesheet';
                link.onload = () => resolve('load');
                link.onerror = () => resolve('error');
                link.href = href;
                head.appendChild(link);
              }),
            step.loadStylesheet,
          ),
      );
    } else if ('sweep' in step) {
      const box = await root.locator(step.sweep.selector).last().boundingBox({ timeout: 15_000 });
      if (!box || !page) throw new Error(`cannot sweep ${step.sweep.selector} here`);
      for (let y = box.y + step.sweep.rowPx / 2; y < box.y + box.height; y += step.sweep.rowPx) {
        await page.mouse.move(box.x + 30, y, { steps: 2 });
        await page.waitForTimeout(60);
      }
      await page.mouse.move(box.x - 50, box.y - 50);
    } else if ('dragRightEdge' in step) {
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

/**
 * Runs in every frame before its scripts (playwright's init script): records each text that
 * appears (added nodes, changed text, input values), so a test can ask afterwards whether a
 * secret was ever shown: notifications that closed, hovers, quick inputs, the output panel.
 */
export function SEEN_TEXT_RECORDER(): void {
  const w = window as unknown as { __sesSeen?: string[]; __sesSeenSize?: number };
  if (w.__sesSeen) return;
  w.__sesSeen = [];
  w.__sesSeenSize = 0;
  const keep = (text: string | null | undefined): void => {
    if (!text || w.__sesSeenSize! > 50_000_000) return;
    w.__sesSeen!.push(text);
    w.__sesSeenSize! += text.length;
  };
  const start = (): void => {
    keep(document.documentElement?.textContent);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') keep(r.target.textContent);
        else if (r.type === 'attributes') keep((r.target as Element).getAttribute(r.attributeName ?? ''));
        else
          r.addedNodes.forEach((n) =>
            keep(
              n instanceof Element
                ? `${n.textContent ?? ''} ${n.outerHTML.length < 200_000 ? n.outerHTML : ''}`
                : n.textContent,
            ),
          );
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['value', 'title', 'aria-label', 'data-value'],
    });
    document.addEventListener('input', (e) => keep((e.target as HTMLInputElement).value), true);
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

async function dumpStorage(): Promise<string> {
  const out: string[] = [];
  const text = (v: unknown): string => {
    if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
    if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v as Uint8Array);
    if (v instanceof Map) return [...v.entries()].map(([k, x]) => `${text(k)}=${text(x)}`).join('\n');
    if (typeof v === 'object' && v !== null)
      return Object.entries(v)
        .map(([k, x]) => `${k}=${text(x)}`)
        .join('\n');
    return String(v);
  };
  for (const store of [localStorage, sessionStorage])
    for (let i = 0; i < store.length; i++) out.push(`${store.key(i)}=${store.getItem(store.key(i)!)}`);
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      const [keys, values] = await Promise.all(
        ['getAllKeys', 'getAll'].map(
          (op) =>
            new Promise<unknown[]>((res, rej) => {
              const req = (
                db.transaction(name, 'readonly').objectStore(name) as unknown as Record<
                  string,
                  () => IDBRequest<unknown[]>
                >
              )[op]();
              req.onsuccess = () => res(req.result);
              req.onerror = () => rej(req.error);
            }),
        ),
      );
      keys.forEach((k, i) => out.push(`indexedDB ${info.name}/${name}/${text(k)}=${text(values[i])}`));
    }
    db.close();
  }
  return out.join('\n');
}

/**
 * Requests the launcher stopped before they left the machine: the AWS console "Open in AWS Console"
 * asks the browser to open. Tests read them with the "outside" action.
 */
export const OUTSIDE = /^https?:\/\/[^/]*console\.aws\.amazon\.com(\/|$)/;
export const outsideRequests: string[] = [];

export async function runBrowserAction(page: Page, action: BrowserAction, resultsDir: string): Promise<unknown> {
  switch (action.kind) {
    case 'outside':
      return [...outsideRequests];
    case 'screenshot': {
      const name = action.name.replace(/[^\w.-]/g, '_');
      await page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
      return name;
    }
    case 'webview':
      return runSteps(webviewFrame(page), action.steps, page);
    case 'storage':
    case 'seen': {
      const parts: string[] = [];
      for (const frame of page.frames()) {
        const got = await (
          action.kind === 'storage'
            ? frame.evaluate(dumpStorage)
            : frame.evaluate(() => (window as unknown as { __sesSeen?: string[] }).__sesSeen?.join('\n') ?? '')
        ).catch((e: Error) => `(frame ${frame.url()} unreadable: ${e.message})`);
        parts.push(`--- ${frame.url()}\n${got}`);
      }
      return parts.join('\n');
    }
    case 'workbench':
      return runSteps(page, action.steps, page);
  }
}
