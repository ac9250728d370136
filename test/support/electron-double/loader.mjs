// Node module hook: `electron` and `electron-store` resolve to the doubles beside this file.
const here = new URL('.', import.meta.url);
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('fake-electron.mjs', here).href, shortCircuit: true };
  if (specifier === 'electron-store') return { url: new URL('fake-electron-store.mjs', here).href, shortCircuit: true };
  return next(specifier, context);
}
