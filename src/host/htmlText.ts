// Text put into a host-built webview page (Send Test Email, Doctor): escaped so that a translation
// or a value with < & " ' cannot change the markup.

/** `text` safe as an HTML text node or a quoted attribute value. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
