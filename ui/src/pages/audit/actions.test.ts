import { describe, expect, it } from 'vitest';

import i18n from '../../i18n';
import { catalogues } from '../../i18n/catalogues';
import { actionKey, offlineCommands, prettyDetails, shortHash } from './actions';
import { ACTION_FAMILIES } from './auditFilters';

/** The actions AuditedEvents records (a sample of each family; the catalogue holds them all). */
const RECORDED = ['request.submitted', 'request.pending-approval', 'request.completed', 'request.requester-notified',
  'approval.approved', 'approval.delegated', 'approval.escalated', 'quota.reserved', 'host.capacity-reserved',
  'vm.provisioned', 'vm.power-off', 'vm.lease-extended', 'namespace.share-raised', 'node.joined',
  'reconciliation.finding-opened', 'incident.retried', 'config.reloaded', 'directory.synced', 'session.cockpit-login',
  'engine.write', 'access.refused'];

describe('action labels', () => {
  it('every recorded action has a label in both languages', async () => {
    for (const language of ['en', 'zh-CN']) {
      await i18n.changeLanguage(language);
      for (const action of RECORDED) {
        const label = i18n.t(actionKey(action), { ns: 'audit', defaultValue: action });
        expect(label, `${language} ${action}`).not.toBe(action);
      }
    }
  });

  it('an action the catalogue does not know shows as recorded', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t(actionKey('vm.teleported'), { ns: 'audit', defaultValue: 'vm.teleported' })).toBe('vm.teleported');
    expect(i18n.t(actionKey('approval.approved'), { ns: 'audit', defaultValue: 'approval.approved' })).toBe('Approved');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t(actionKey('approval.approved'), { ns: 'audit', defaultValue: 'approval.approved' })).toBe('\u6279\u51c6');
  });

  it('every family of the select has a name', () => {
    for (const family of ACTION_FAMILIES) {
      expect((catalogues.en.audit.families as Record<string, string>)[family], family).toBeTruthy();
      expect((catalogues['zh-CN'].audit.families as Record<string, string>)[family], family).toBeTruthy();
    }
  });
});

describe('the row opened', () => {
  it('pretty-prints the details JSON, keeps other text as it is', () => {
    expect(prettyDetails('{"level":"manager","comment":"ok"}')).toBe('{\n  "level": "manager",\n  "comment": "ok"\n}');
    expect(prettyDetails('not json')).toBe('not json');
    expect(prettyDetails(undefined)).toBe('');
  });

  it('shortens hashes for the table', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash(undefined)).toBe('');
  });

  it('writes the OpenSSL commands for a checkpoint', () => {
    const commands = offlineCommands('stackgate-audit-checkpoint:7:abc:2026-12-06T00:00:00Z', 'c2ln');
    expect(commands).toContain("printf '%s' 'stackgate-audit-checkpoint:7:abc:2026-12-06T00:00:00Z' > payload.txt");
    expect(commands).toContain("echo 'c2ln' | base64 -d > signature.bin");
    expect(commands).toContain('openssl pkeyutl -verify -pubin -inkey stackgate-audit.pem -rawin');
  });
});
