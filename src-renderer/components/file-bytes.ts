/**
 * A picked file's bytes as base64, for an import: main detects the encoding (UTF-16 from Excel, Windows-1252…)
 * the same way for every door, instead of text the browser decoded as UTF-8 and damaged (issue #22).
 */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}
