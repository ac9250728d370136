import { useEffect, useState } from 'react';
import { useClient } from './api-context';
import { SIGNED_OUT_EVENT } from './host-session';

/** Whether this tab may talk to main: always in Electron; in the browser host while its session lives. */
export function useSignedIn(): boolean {
  const client = useClient();
  const [signedIn, setSignedIn] = useState(() => client.signedIn());
  useEffect(() => {
    const on = () => setSignedIn(false);
    window.addEventListener(SIGNED_OUT_EVENT, on);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, on);
  }, []);
  return signedIn;
}

/** The whole-window state of a browser tab without a session: what happened and how to get back in. */
export function SignedOut() {
  return (
    <div className="page signed-out" role="main">
      <h1>Signed out</h1>
      <p>This tab has no Behalf session: you signed out, it was idle too long, or it was opened without a sign-in link.</p>
      <p>
        In the terminal running <code>behalf serve</code> (or <code>npm start</code>), press <kbd>Enter</kbd> for a new one-time sign-in link and open it here.
        Each link works once.
      </p>
    </div>
  );
}

export function SignOutButton() {
  const client = useClient();
  if (!client.signOut) return null;
  return (
    <button className="btn small" onClick={() => void client.signOut?.()} title="End this browser session">
      Sign out
    </button>
  );
}
