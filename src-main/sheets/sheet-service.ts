import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { BehalfError } from '../../src-preload/api/errors';
import type { Settings } from '../../src-preload/api/settings';
import type { Tenant } from '../../src-preload/api/tenants';
import { createCheckStore } from '../dns/check-store';
import { getChosenRecord } from '../dmarc/chosen-store';
import { chosenDmarcStatus, dmarcSheetRecords } from './dmarc-choice';
import { exportSheetsZip } from './export-zip';
import { lastCheckFromReport } from './last-check';
import { buildSheet } from './model';
import { zoneOf } from './model-records';
import { noDkimError, recordsFromDomain } from './postmark-domain';
import { tenantPostmarkDomain } from '../postmark/links';
import { detectProviderFromNs, dnsServersFrom, nsLookup, type NsLookup } from './ns-provider';
import { listProviders } from './providers';
import { renderSheet, sheetFileName, SHEET_MIME_TYPES } from './render';
import type { Paper, ProviderId, Sheet, SheetFormat, SheetInput } from './types';

export interface SheetServiceDeps {
  db: Database;
  tenants: {
    get(id: string): Tenant;
    find(ref: string): Tenant;
    list(q: { statuses: Tenant['status'][]; limit: number; offset: number }): { total: number; rows: Tenant[] };
  };
  settings: { get(): Settings };
  env: Record<string, string | undefined>;
  now?: () => string;
  /** NS lookups for provider detection; defaults to node:dns with the configured servers and a 2 s cap. */
  nsLookup?: NsLookup;
  /** The sender rules the tenant fails (src-main/rules), listed on its sheet; none when absent. */
  failingSenderRules?: (tenantId: string) => { title: string; reason: string; fix: string }[];
  /** DejaVu font folder for PDFs (tests, packaged app); defaults to the dejavu-fonts-ttf package. */
  fontDir?: string;
}

export type ProviderSource = 'given' | 'detected' | 'fallback';

export interface GatheredInput {
  input: SheetInput;
  providerSource: ProviderSource;
  detectedProvider?: ProviderId;
}

export interface RenderedSheet {
  sheet: Sheet;
  fileName: string;
  mime: string;
  body: Buffer;
}

export interface BulkExport {
  fileName: string;
  body: Buffer;
  entries: string[];
  skipped: { tenant: string; reason: string }[];
}

export interface BulkOptions {
  paper?: Paper;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, message?: string) => void;
}

/**
 * Gathers everything a sheet needs for one tenant (ledger tenant, Postmark domain details, last DNS check,
 * the zone's DNS provider, vendor name) and hands it to the pure model and renderers.
 */
export function createSheetService(deps: SheetServiceDeps) {
  const now = deps.now ?? (() => new Date().toISOString());
  const checks = createCheckStore(deps.db);
  const lookup = (): NsLookup => deps.nsLookup ?? nsLookup(dnsServersFrom(deps.env, deps.settings.get().dnsServers));

  async function gather(tenant: Tenant, provider?: ProviderId): Promise<GatheredInput> {
    if (tenant.option === null) {
      throw new BehalfError(
        'sheet.no-option',
        `${tenant.name} has no sending option yet, so there is nothing to explain.`,
        'Choose option 1, 2 or 3 for this tenant (Edit), then build the sheet.',
      );
    }
    let records: SheetInput['records'] = {};
    let chosenDmarc: ReturnType<typeof getChosenRecord>;
    if (tenant.option === 1) {
      const row = tenantPostmarkDomain(deps.db, tenant);
      records = row ? recordsFromDomain(row) : {};
      if (!records.dkim) throw noDkimError(tenant.domain, row !== undefined);
      // The DMARC record chosen in the tenant's DMARC tab; option 2/3 sheets ask for no DNS changes at all.
      chosenDmarc = getChosenRecord(deps.db, tenant.id);
      const dmarcRecords = dmarcSheetRecords(chosenDmarc, tenant.domain);
      if (!dmarcRecords.dmarc) chosenDmarc = undefined;
      records = { ...records, ...dmarcRecords };
    }
    let providerSource: ProviderSource = 'given';
    let detectedProvider: ProviderId | undefined;
    if (!provider) {
      // Option 2/3 sheets have no records to type in, so no provider is worth a network round trip.
      const found = tenant.option === 1 ? await detectProviderFromNs(zoneOf(tenant.domain), lookup()) : null;
      providerSource = found ? 'detected' : 'fallback';
      detectedProvider = found ?? undefined;
    }
    const report = checks.latest(tenant.id)?.report;
    let lastCheck = lastCheckFromReport(report, tenant.domain);
    if (lastCheck && chosenDmarc) {
      const { dmarc: _checkRow, ...rest } = lastCheck;
      const dmarc = chosenDmarcStatus(report, chosenDmarc);
      lastCheck = dmarc ? { ...rest, dmarc } : rest;
    }
    const input: SheetInput = {
      tenant: { name: tenant.name, domain: tenant.domain, contactName: tenant.contactName },
      option: tenant.option,
      records,
      provider: provider ?? detectedProvider ?? 'generic',
      lastCheck,
      vendorName: deps.settings.get().vendorName,
      generatedAt: now(),
    };
    const failing = deps.failingSenderRules?.(tenant.id) ?? [];
    if (failing.length) input.senderRules = failing;
    return detectedProvider ? { input, providerSource, detectedProvider } : { input, providerSource };
  }

  async function render(tenant: Tenant, format: SheetFormat, opts: { provider?: ProviderId; paper?: Paper }): Promise<RenderedSheet> {
    const sheet = buildSheet((await gather(tenant, opts.provider)).input);
    const body = await renderSheet(sheet, format, { paper: opts.paper, fontDir: deps.fontDir });
    return { sheet, fileName: sheetFileName(sheet, format), mime: SHEET_MIME_TYPES[format], body };
  }

  function awaitingDns(): Tenant[] {
    const rows: Tenant[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = deps.tenants.list({ statuses: ['awaiting-dns'], limit: 500, offset });
      rows.push(...page.rows);
      if (page.rows.length === 0 || rows.length >= page.total) return rows;
    }
  }

  return {
    gather: (tenantId: string, provider?: ProviderId) => gather(deps.tenants.get(tenantId), provider),

    async preview(tenantId: string, provider?: ProviderId) {
      const g = await gather(deps.tenants.get(tenantId), provider);
      return {
        sheet: buildSheet(g.input),
        providerSource: g.providerSource,
        ...(g.detectedProvider ? { detectedProvider: g.detectedProvider } : {}),
        providers: listProviders().map((p) => ({ id: p.id, name: p.name })),
      };
    },

    /** By id (UI) or by id/name/domain (CLI: `ref` is what a person typed). */
    render: (tenantRef: string, format: SheetFormat, opts: { provider?: ProviderId; paper?: Paper } = {}) => render(deps.tenants.find(tenantRef), format, opts),

    awaitingDns,

    /** One sheet in several formats, built once (an email carries the HTML body and the PDF of the same sheet). */
    async renderFormats(tenantId: string, formats: SheetFormat[], opts: { provider?: ProviderId; paper?: Paper } = {}) {
      const tenant = deps.tenants.get(tenantId);
      const sheet = buildSheet((await gather(tenant, opts.provider)).input);
      const files = new Map<SheetFormat, RenderedSheet>();
      for (const format of formats) {
        const body = await renderSheet(sheet, format, { paper: opts.paper, fontDir: deps.fontDir });
        files.set(format, { sheet, fileName: sheetFileName(sheet, format), mime: SHEET_MIME_TYPES[format], body });
      }
      return { tenant, sheet, files };
    },

    /**
     * One zip of every tenant awaiting DNS. Tenants whose sheet cannot be built (no Postmark domain yet) are
     * skipped and reported, so one unprovisioned tenant does not block the other hundred.
     */
    async exportAll(format: SheetFormat, opts: BulkOptions = {}): Promise<BulkExport> {
      const tenants = awaitingDns();
      const total = tenants.length * 2;
      const sheets: Sheet[] = [];
      const skipped: BulkExport['skipped'] = [];
      for (const [i, t] of tenants.entries()) {
        if (opts.signal?.aborted)
          throw new BehalfError('sheet.export-cancelled', 'The export was cancelled.', 'Nothing was written; start it again when ready.');
        try {
          sheets.push(buildSheet((await gather(t, undefined)).input));
        } catch (err) {
          if (!(err instanceof BehalfError)) throw err;
          skipped.push({ tenant: `${t.name} (${t.domain})`, reason: err.message });
        }
        opts.onProgress?.(i + 1, total, `Prepared ${t.name}`);
      }
      if (sheets.length === 0) {
        throw new BehalfError(
          'sheet.export-empty',
          tenants.length === 0
            ? 'No tenant is awaiting DNS, so there is nothing to export.'
            : `None of the ${tenants.length} tenants awaiting DNS has a sheet yet.`,
          tenants.length === 0
            ? 'Tenants appear here once their domain is provisioned in Postmark.'
            : 'Provision their domains in Postmark first: the DKIM keys come from Postmark.',
        );
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behalf-sheets-'));
      try {
        const file = path.join(dir, 'sheets.zip');
        const res = await exportSheetsZip(sheets, format, file, {
          paper: opts.paper,
          fontDir: deps.fontDir,
          signal: opts.signal,
          onProgress: (p) => opts.onProgress?.(tenants.length + p.done, tenants.length + p.total, p.current),
        });
        const day = now().slice(0, 10);
        return { fileName: `dns-sheets-${format}-${day}.zip`, body: fs.readFileSync(res.file), entries: res.entries, skipped };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export type SheetService = ReturnType<typeof createSheetService>;
