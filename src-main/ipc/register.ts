import { channels } from '../../src-preload/api/contract';
import type { Dispatch } from '../app/dispatch';
import type { EventBus } from '../core/event-bus';
import { errorReply } from '../core/error-reply';
import { isTrustedSender } from './trusted-sender';

/** The slices of Electron's ipcMain and webContents this door needs (tests pass doubles). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, input: unknown) => unknown): void;
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export { EVENT_CHANNEL } from '../../src-preload/api/events';
import { EVENT_CHANNEL } from '../../src-preload/api/events';

/** The Electron door: one ipcMain.handle per contract method, sender-checked, then the shared dispatch. */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, rendererUrl: () => string): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input) => {
      if (!isTrustedSender(event.senderFrame?.url, rendererUrl())) {
        return errorReply('ipc.untrusted-sender', 'This frame may not call Behalf.');
      }
      return dispatch(channel, input);
    });
  }
}

/** Forwards every push event to the window. */
export function forwardEvents(bus: EventBus, contents: WebContentsLike): () => void {
  return bus.onAny((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  });
}
