/** Save a file through the browser's download (works in Electron and the bridge alike); binary formats arrive base64-encoded. */
export function download(filename: string, mime: string, content: string, encoding: 'utf8' | 'base64' = 'utf8'): void {
  const data = encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : content;
  const url = URL.createObjectURL(new Blob([data], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
