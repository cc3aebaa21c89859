// The Doctor page's side of the channel to the extension, typed by its protocol
// (src/features/doctor/logic/messages.ts): it can only post FromDoctorPage messages. It keeps no
// webview state (getState/setState are not used), so nothing of the report is kept on the page.
import type { FromDoctorPage } from '../logic/messages';

interface DoctorVsCodeApi {
  postMessage(message: FromDoctorPage): void;
}

// Injected by VS Code into every webview; callable once per page.
declare function acquireVsCodeApi(): DoctorVsCodeApi;

const api = acquireVsCodeApi();

export function post(message: FromDoctorPage): void {
  api.postMessage(message);
}
