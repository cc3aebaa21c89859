// The files the host itself picked in its file dialog for the Send Test Email form. The page sends
// back paths, and a page is not trusted with the file system: the host attaches a path only if it
// is exactly one it picked in this window (not "a file in the workspace", not the same file under
// another spelling). Pure.

export class PickedFiles {
  private readonly paths = new Set<string>();

  /** Remembers a path the host's file dialog returned. */
  add(path: string): void {
    this.paths.add(path);
  }

  /** True only for a path the dialog returned, character for character. */
  allows(path: unknown): boolean {
    return typeof path === 'string' && this.paths.has(path);
  }

  get size(): number {
    return this.paths.size;
  }
}
