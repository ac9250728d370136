/** "Acme Corp." → "acme-corp": what {slug} stands for in the server name pattern. */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'tenant'
  );
}

export function serverNameFor(pattern: string, tenant: { name: string; domain: string }): string {
  return pattern.replaceAll('{slug}', slugify(tenant.name)).replaceAll('{domain}', tenant.domain).replaceAll('{name}', tenant.name);
}
