import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimBlock } from '../../src/briefing/render/claims.js';
import { messagesFor } from '../../src/i18n/index.js';
import { parseStoryBundle } from '../../src/data/bundle.js';
import type { Claim, StoryBundle } from '../../src/data/schema.js';

/**
 * The bundled story read as an editor would (issue 14, item 8): each test keeps one fixed error from
 * coming back. Reads only the bundle in the repo.
 */
const bundle: StoryBundle = parseStoryBundle(JSON.parse(readFileSync(new URL('../../src/data/stories/iran-pakistan-2024.json', import.meta.url), 'utf8')));
const event = (id: string) => bundle.events.find((candidate) => candidate.id === id)!;
const statement = (id: string) => bundle.statements.find((candidate) => candidate.id === id)!;
const claim = (id: string) => bundle.claims.find((candidate) => candidate.id === id)!;
const RANGE = { start: '2024-01-16', end: '2024-01-18' };

describe('the bundled story’s editorial fixes', () => {
  it('stores Pakistan’s condemnation and warning and Iran’s foreign minister’s remarks as 16–18 January ranges, not "January 2024"', () => {
    for (const id of ['pakistan-condemns-iran-strike', 'iran-defends-strike']) {
      expect(event(id), id).toMatchObject({ occurredAt: RANGE.start, precision: 'day', occurredUntil: RANGE.end, untilPrecision: 'day' });
      expect(event(id).dateBasis).toMatch(/16–18 January 2024/);
    }
    for (const id of ['pakistan-airspace-violation', 'pakistan-warns-serious-consequences', 'amir-abdollahian-terrorists', 'amir-abdollahian-no-nationals', 'iran-iranian-terrorist-group']) {
      expect(statement(id), id).toMatchObject({ saidAt: RANGE.start, precision: 'day', saidUntil: RANGE.end, untilPrecision: 'day' });
    }
    // Nothing else in the story is left at "January 2024" when the reports bound it closer.
    expect([...bundle.events.map((e) => e.occurredAt), ...bundle.statements.map((s) => s.saidAt)]).not.toContain('2024-01');
  });

  it('says the casualty accounts of Iran’s strike differ in detail (three vs several wounded), and keeps "no Pakistani nationals were targeted" out of the toll', () => {
    const toll = claim('iran-strike-casualties');
    expect(toll.kind).toBe('detail');
    expect(toll.question).toMatch(/killed and wounded/);
    expect(toll.accounts.map((account) => account.position)).toEqual(['two children killed, three wounded', 'two people killed, several injured']);
    expect(toll.note).toMatch(/three .*several/);
    const strike = event('iran-strikes-balochistan');
    expect(strike.summary).not.toMatch(/accounts of the toll differ/i);
    expect(strike.summary).toMatch(/agree on two dead/);
    expect(strike.summary).toMatch(/differ on the wounded: three against several/);
    expect(strike.summary).toMatch(/no Pakistani nationals were targeted, which concerns whom the strike aimed at, not who was killed/);
    expect(strike.status).toBe('reported');
    // The foreign minister spoke of whom Iran targeted, not of who was hit or killed, wherever the record restates it.
    expect(statement('amir-abdollahian-no-nationals').context).toMatch(/no Pakistani nationals were targeted/);
    expect(statement('amir-abdollahian-no-nationals').context).not.toMatch(/nationals were (hit|killed)/);
    // The foreign minister's words answer what Iran targeted.
    const targets = bundle.claims.filter((c) => c.accounts.some((account) => account.text.includes('none of the nationals')));
    expect(targets.map((c) => c.id)).toEqual(['iran-strike-target']);
  });

  it('"What did Pakistan’s strikes target?" is not "disputed" and "[1][2] agree" at once, and leaves the BLF’s "no hideouts in Iran" to the BLF’s own question', () => {
    const targets = claim('pakistan-strike-targets');
    expect(targets.accounts.some((account) => /hideouts in Iran/.test(account.text))).toBe(false);
    expect(claim('blf-response').accounts.some((account) => /no hideouts in Iran/.test(account.text))).toBe(true);
    const sides = new Map(bundle.story.sides.map((side) => [side.id, side]));
    const numbers = new Map(bundle.sources.map((source, index) => [source.id, index + 1]));
    for (const c of bundle.claims) {
      for (const language of ['en', 'ur', 'fa'] as const) {
        const m = messagesFor(language);
        const text = claimBlock(c, sides, numbers, m).text;
        // "[1][2] agree: …" (in the reader's language) — only ever under "sources agree".
        const saysAgree = text.includes(m.sourcesAgree('', '').replace(/[:\s]+$/, '').trim());
        const saysDisputed = text.includes(m.disputeKind.conflict) || text.includes(m.disputeKind.detail);
        expect(saysAgree && saysDisputed, `${c.id} (${language}): ${text}`).toBe(false);
      }
    }
  });

  it('attributes "Iranian terrorist group" once, to Iran, and says the attribution is inferred', () => {
    const holders = [
      ...bundle.statements.filter((s) => s.quote.includes('Iranian terrorist group')).map((s) => ({ sideId: s.sideId, says: `${s.speaker} ${s.context}` })),
      ...bundle.claims.flatMap((c: Claim) => c.accounts).filter((a) => a.text.includes('Iranian terrorist group')).map((a) => ({ sideId: a.sideId, says: a.text })),
    ];
    expect(holders).toHaveLength(2);
    for (const holder of holders) {
      expect(holder.sideId).toBe('iran');
      expect(holder.says).toMatch(/inferred|by inference/);
    }
    // Every statement whose speaker the report does not name says the attribution is inferred.
    for (const s of bundle.statements.filter((candidate) => /implied|as reported/.test(candidate.speaker))) {
      expect(`${s.speaker} ${s.context}`, s.id).toMatch(/inferred|by inference|loosely/);
    }
  });

  it('keeps loaded words inside quotation marks in every reader-visible line, and uses the reports’ words for quoted phrases', () => {
    const visible: Array<[string, string]> = [
      ['story.summary', bundle.story.summary],
      ...bundle.story.sides.map((side): [string, string] => [`side ${side.id}`, side.description ?? '']),
      ...bundle.actors.map((actor): [string, string] => [`actor ${actor.id}`, actor.role]),
      ...bundle.sources.map((source): [string, string] => [`source ${source.id}`, source.note ?? '']),
      ...bundle.events.flatMap((e): Array<[string, string]> => [[`${e.id}.title`, e.title], [`${e.id}.summary`, e.summary], [`${e.id}.dateBasis`, e.dateBasis ?? '']]),
      ...bundle.statements.flatMap((s): Array<[string, string]> => [[`${s.id}.speaker`, s.speaker], [`${s.id}.context`, s.context ?? ''], [`${s.id}.dateBasis`, s.dateBasis ?? '']]),
      ...bundle.claims.flatMap((c): Array<[string, string]> => [
        [`${c.id}.question`, c.question],
        [`${c.id}.note`, c.note ?? ''],
        ...c.accounts.flatMap((a, i): Array<[string, string]> => [[`${c.id}.accounts[${i}].position`, a.position], [`${c.id}.accounts[${i}].text`, a.text]]),
      ]),
    ];
    for (const [where, text] of visible) {
      const unquoted = text.replace(/“[^”]*”/g, '“…”');
      expect(unquoted, where).not.toMatch(/terroris|martyr|revenge/i);
      expect(text, where).not.toMatch(/grave repercussions|breach|intrusion/i);
    }
    expect(event('pakistan-condemns-iran-strike').summary).toMatch(/unprovoked violation of its airspace and warned Tehran of serious consequences/);
    expect(event('iran-protests-pakistan-strikes').summary).toMatch(/a violation of international law, warned Pakistan of serious consequences/);
  });

  it('has no event made from a photo caption: the "weekly briefing" is gone, and nothing points to it', () => {
    expect(bundle.events.some((e) => /weekly briefing/i.test(`${e.title} ${e.summary}`) || /photo caption/i.test(e.dateBasis ?? ''))).toBe(false);
    const ids = new Set(bundle.events.map((e) => e.id));
    for (const s of bundle.statements) if (s.eventId) expect(ids.has(s.eventId), s.id).toBe(true);
    for (const c of bundle.claims) if (c.eventId) expect(ids.has(c.eventId), c.id).toBe(true);
    // The spokesperson appeared only in the caption; an actor with no record is not kept.
    const cited = new Set([...bundle.events.flatMap((e) => e.actorIds), ...bundle.statements.flatMap((s) => (s.actorId ? [s.actorId] : []))]);
    for (const actor of bundle.actors) expect(cited.has(actor.id), actor.id).toBe(true);
  });

  it('marks an event disputed only when a claim about it has conflicting accounts', () => {
    for (const e of bundle.events.filter((candidate) => candidate.status === 'disputed')) {
      expect(bundle.claims.some((c) => c.eventId === e.id && c.kind === 'conflict'), e.id).toBe(true);
    }
  });
});
