import { useEffect, useRef } from 'react';
import type { Tenant } from '../../../src-preload/api/tenants';

/**
 * After choosing an option: what happened and the next step, with the button for it focused (the new content),
 * so a keyboard user goes on with Enter instead of starting over from <body>. Choosing records the option only;
 * Postmark objects are made by Provision on the tenant's Postmark tab, which is where the button leads.
 */
export function NextStep({
  text,
  tenant,
  provision,
  dialogOpen,
  onDismiss,
}: {
  text: string;
  tenant: Tenant;
  provision: boolean;
  dialogOpen: boolean;
  onDismiss(): void;
}) {
  const button = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (dialogOpen) return;
    // After the dialog's own focus restore (a timer too), which may point at a button that is now disabled.
    const t = setTimeout(() => button.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [text, dialogOpen]);
  return (
    <div className="card next-step" role="status" aria-label="Next step">
      <span>
        {text} {provision ? 'Nothing exists in Postmark yet: provision it next.' : 'The Postmark changes are queued.'}
      </span>
      <span className="grow" />
      <a ref={button} className="btn primary" href={`#/tenants/${encodeURIComponent(tenant.id)}/postmark`}>
        {provision ? 'Provision in Postmark →' : 'Follow it on the Postmark tab →'}
      </a>
      <button className="btn" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
