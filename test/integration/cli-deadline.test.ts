import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gold, goldErrors } from '../support/deadline-gold.js';
import { runDondoc as dondoc } from '../support/cli.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { sqliteEngine } from '../support/engines.js';

interface Printed {
  text: string;
  kind: string;
  dues: string[];
  end: string | null;
  count: number | null;
  trigger: string | null;
  summary: string;
  needsReview?: boolean;
  explanations?: string[];
}

describe('dondoc deadline', () => {
  const windows = [...new Set(gold.map((g) => `${g.from}|${g.to}`))];

  it.each(windows)('reads every gold text of the window %s from stdin, one JSON line each, all matching the gold', async (key) => {
    const [from, to] = key.split('|') as [string, string];
    const lines = gold.filter((g) => g.from === from && g.to === to);
    const { code, stdout, stderr } = await dondoc(['deadline', '--from', from, '--to', to, '--stdin'], `${lines.map((g) => g.text).join('\n')}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const printed = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Printed);
    expect(printed).toHaveLength(lines.length);
    printed.forEach((p, i) => {
      const g = lines[i]!;
      expect(p.text).toBe(g.text);
      expect(goldErrors(g, p), g.text).toEqual([]);
    });
  });

  it('prints exactly the contract fields first, in order', async () => {
    const { code, stdout } = await dondoc(['deadline', '--from', '2021-01-01', '--to', '2021-12-31', 'Quý III/2021']);
    expect(code).toBe(0);
    const line = stdout.trim();
    expect(Object.keys(JSON.parse(line) as object).slice(0, 7)).toEqual(['text', 'kind', 'dues', 'end', 'count', 'trigger', 'summary']);
    expect(JSON.parse(line)).toMatchObject({
      text: 'Quý III/2021',
      kind: 'once',
      dues: ['2021-09-30'],
      end: null,
      count: null,
      trigger: null,
      summary: 'Hạn 30/09/2021',
      needsReview: false,
      explanations: ['Quý III/2021 → 30/09/2021, ngày cuối quý'],
    });
  });

  it('takes the text unquoted, and handles Windows line ends and blank lines on stdin', async () => {
    const one = await dondoc(['deadline', '--from', '2021-01-01', '--to', '2021-12-31', 'trước', 'ngày', '15/8/2021']);
    expect(JSON.parse(one.stdout)).toMatchObject({ text: 'trước ngày 15/8/2021', dues: ['2021-08-14'] });
    const many = await dondoc(['deadline', '--from', '2021-01-01', '--to', '2021-12-31', '--stdin'], 'Năm 2021\r\n\r\nThường xuyên\r\n');
    expect(many.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Printed).kind)).toEqual(['once', 'continuous']);
  });

  it('refuses a bad window or a missing text with a Vietnamese message and exit status 1', async () => {
    const badFrom = await dondoc(['deadline', '--from', '2021-13-01', '--to', '2021-12-31', 'Quý III/2021']);
    expect(badFrom.code).toBe(1);
    expect(badFrom.stderr).toContain('--from không hợp lệ');
    expect(badFrom.stdout).toBe('');
    const badTo = await dondoc(['deadline', '--from', '2021-01-01', '--to', '31/12/2021', 'Quý III/2021']);
    expect(badTo.code).toBe(1);
    expect(badTo.stderr).toContain('--to không hợp lệ');
    const reversed = await dondoc(['deadline', '--from', '2021-12-31', '--to', '2021-01-01', 'Quý III/2021']);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('sau ngày kết thúc');
    const missing = await dondoc(['deadline', '--to', '2021-12-31', 'Quý III/2021']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Thiếu ngày bắt đầu');
    const noText = await dondoc(['deadline', '--from', '2021-01-01', '--to', '2021-12-31']);
    expect(noText.code).toBe(1);
    expect(noText.stderr).toContain('Thiếu thời hạn');
  });
});

describe('POST /api/v1/deadlines/parse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(sqliteEngine);
  });
  afterAll(async () => t?.close());

  const body = { texts: ['Quý III/2021', 'Định kỳ hàng quý', 'Sớm nhất có thể'], from: '2021-01-01', to: '2021-12-31' };

  it('answers 401 to a stranger', async () => {
    const res = await t.anonymous.post('/api/v1/deadlines/parse', body);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('parses for any signed-in user', async () => {
    for (const username of ['hoavinh', 'mattran']) {
      const client = await t.login(username);
      const res = await client.post('/api/v1/deadlines/parse', body);
      expect(res.statusCode, res.body).toBe(200);
      const { results } = res.json() as { results: Array<{ kind: string; dues: Array<{ date: string; explanation: string }>; needsReview: boolean }> };
      expect(results.map((r) => r.kind)).toEqual(['once', 'recurring', 'unspecified']);
      expect(results[0]!.dues).toEqual([{ date: '2021-09-30', explanation: 'Quý III/2021 → 30/09/2021, ngày cuối quý' }]);
      expect(results[1]!.dues).toHaveLength(4);
      expect(results[2]!.needsReview).toBe(true);
    }
  });

  it('answers 400 with a Vietnamese message to a bad date or bad input', async () => {
    const client = await t.login('noivu');
    for (const bad of [
      { ...body, from: '2021-02-30' },
      { ...body, from: '2021-12-31', to: '2021-01-01' },
      { ...body, to: '31/12/2021' },
      { ...body, texts: [{ text: 'Quý III/2021' }] },
      { ...body, texts: ['x'.repeat(501)] },
      { ...body, texts: Array.from({ length: 1001 }, () => 'Quý III/2021') },
      { ...body, extra: true },
    ]) {
      const res = await client.post('/api/v1/deadlines/parse', bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      const error = (res.json() as { error: { code: string; message: string } }).error;
      expect(error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịýỳỷỹỵúùủũụóòỏõọéèẻẽẹ]/i);
    }
  });
});
