// The webview's side of the channel to the extension, typed by the shared protocol: it can only
// post FromWebview messages and keep a WebviewState (form fields, never a password).
import { parseWebviewState, type FromWebview, type WebviewState } from '../logic/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

// Injected by VS Code into every webview; callable once per page.
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** The state saved before a reload, checked field by field (it may come from an older version). */
export function loadState(): WebviewState {
  return parseWebviewState(api.getState());
}

export function saveState(state: WebviewState): void {
  api.setState(state);
}
