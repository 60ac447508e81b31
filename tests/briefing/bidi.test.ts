import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../src/briefing/search/autocomplete.js';
import { closeBidi, safe } from '../../src/briefing/render/format.js';
import { shorten } from '../../src/briefing/render/paginate.js';
import { notice, UserError } from '../../src/briefing/reply/reply.js';
import { bidiProblems } from '../fuzz/inert.js';

const RLO = '\u202E';
const LRE = '\u202A';
const PDF = '\u202C';
const RLI = '\u2067';
const PDI = '\u2069';

describe('directional controls in stored text are closed where they are shown', () => {
  it('closes what the text opens, at the end and before each line break, and drops closers that close nothing', () => {
    expect(closeBidi(`Kerman ${RLO}attack`)).toBe(`Kerman ${RLO}attack${PDF}`);
    expect(closeBidi(`${RLI}a${LRE}b`)).toBe(`${RLI}a${LRE}b${PDF}${PDI}`);
    expect(closeBidi(`${RLO}one\ntwo`)).toBe(`${RLO}one${PDF}\ntwo`);
    expect(closeBidi(`stray${PDI} and${PDF}`)).toBe('stray and');
    // PDI closes the isolate and the embedding opened inside it; a PDF inside an isolate closes nothing outside it.
    expect(closeBidi(`${RLI}a${LRE}b${PDI}c`)).toBe(`${RLI}a${LRE}b${PDF}${PDI}c`);
    expect(closeBidi(`${LRE}a${RLI}b${PDF}c`)).toBe(`${LRE}a${RLI}bc${PDI}${PDF}`);
    expect(closeBidi('plain text, اردو')).toBe('plain text, اردو');
  });

  it('a citation after stored text is no longer inside its override ("[1]" reads as "[1]")', () => {
    const line = `${safe(`Strike ${RLO}reported`)} [1]`;
    expect(bidiProblems(`Strike ${RLO}reported [1]`)).not.toEqual([]);
    expect(bidiProblems(line)).toEqual([]);
    expect(line.endsWith(`${PDF} [1]`)).toBe(true);
  });

  it('a shortened text closes what the cut left open, within its limit', () => {
    const long = `${RLO}${'word '.repeat(60)}`;
    const cut = shorten(long, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(bidiProblems(cut)).toEqual([]);
  });

  it('autocomplete choices cannot be disguised by an override in a stored name', () => {
    const choices = rankCandidates([{ value: 'evil', name: `${RLO}moc.elgoog` }, { value: 'ok', name: 'Plain' }], '');
    for (const choice of choices) expect(bidiProblems(choice.name)).toEqual([]);
  });

  it('a refusal or notice quoting what was typed closes the quote inside its backticks', () => {
    const refusal = new UserError(`There is no story \`${RLO}x\`. Stories: \`a\`.`).message;
    expect(refusal).toBe(`There is no story \`${RLO}x${PDF}\`. Stories: \`a\`.`);
    expect(bidiProblems(notice(`Nothing called \`${RLI}y\` here.`).content!)).toEqual([]);
  });
});
