/** A yes/no question main puts to the person outside the renderer's reach (Electron: a native dialog). */
export type ConfirmInMain = (q: { title: string; message: string; detail: string; confirmLabel: string }) => Promise<boolean>;
