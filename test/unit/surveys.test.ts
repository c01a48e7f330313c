import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { aggregate, fieldName, percentVi, readAnswers, sipasQuestionnaire, validateQuestionnaire, type Question } from '../../src/domain/surveys/index.js';

const questions: Question[] = [
  { id: 'a', kind: 'single', text: 'Lĩnh vực', required: true, options: ['Đất đai', 'Hộ tịch', 'Khác'] },
  { id: 'b', kind: 'multiple', text: 'Kênh thông tin', required: false, options: ['Niêm yết', 'Cổng dịch vụ công', 'Người thân'] },
  { id: 'c', kind: 'scale', text: 'Thái độ công chức', required: true },
  { id: 'd', kind: 'text', text: 'Góp ý', required: false },
];

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return ((err as DomainError).details as { problems: string[] }).problems;
  }
  throw new Error('expected a validation error');
}

describe('validateQuestionnaire', () => {
  it('keeps ids, trims text, gives new questions fresh ids that do not clash', () => {
    const out = validateQuestionnaire([
      { id: 'q1', kind: 'scale', text: '  Câu   một ', required: true },
      { kind: 'text', text: 'Câu hai' },
      { id: 'q1', kind: 'single', text: 'Câu ba', options: ['Có', 'Không'] },
    ]);
    expect(out.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(out[0]!.text).toBe('Câu một');
    expect(out[1]!.required).toBe(false);
    expect(out[2]!.options).toEqual(['Có', 'Không']);
  });

  it('names every problem by question number, in Vietnamese', () => {
    const problems = problemsOf(() =>
      validateQuestionnaire([
        { kind: 'single', text: 'Một phương án', options: ['Có'] },
        { kind: 'rating', text: 'Loại lạ' },
        { kind: 'multiple', text: '', options: ['A', 'a'] },
      ]),
    );
    expect(problems).toEqual([
      'Câu 1: câu hỏi lựa chọn cần ít nhất hai phương án.',
      'Câu 2: loại câu hỏi không hợp lệ (cần một lựa chọn, nhiều lựa chọn, thang điểm 1–5 hoặc trả lời tự do).',
      'Câu 3: chưa nhập nội dung câu hỏi.',
      'Câu 3: có hai phương án trùng nhau.',
    ]);
    expect(() => validateQuestionnaire([])).toThrow('Phiếu khảo sát cần ít nhất một câu hỏi.');
    expect(() => validateQuestionnaire('x')).toThrow('Danh sách câu hỏi không hợp lệ.');
  });

  it('accepts the SIPAS template: five groups of 1–5 scales, a general question and free text', () => {
    const sipas = validateQuestionnaire(sipasQuestionnaire());
    expect(sipas).toEqual(sipasQuestionnaire());
    const prefixes = new Set(sipas.filter((q) => q.kind === 'scale').map((q) => q.id.split('-')[0]));
    expect([...prefixes]).toEqual(['tiep', 'thu', 'cong', 'ket', 'gop', 'chung']);
    expect(sipas.at(-1)!.kind).toBe('text');
  });
});

describe('readAnswers', () => {
  it('reads options by index, checkboxes as a sorted set, a 1–5 point and text', () => {
    const { answers, problems } = readAnswers(questions, { [fieldName(questions[0]!)]: '1', c_b: ['2', '0', '2'], c_c: '4', c_d: '  Tốt <b>lắm</b>  ', c_zz: 'ignored' });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ a: 1, b: [0, 2], c: 4, d: 'Tốt <b>lắm</b>' });
  });

  it('refuses a missing required answer, an option not offered, a point outside 1–5', () => {
    expect(readAnswers(questions, { c_c: '3' }).problems.map((p) => p.message)).toEqual(['Câu 1: cần chọn một câu trả lời.']);
    expect(readAnswers(questions, { c_a: '3', c_c: '6' }).problems.map((p) => p.message)).toEqual(['Câu 1: lựa chọn không hợp lệ.', 'Câu 3: cần chọn một mức từ 1 đến 5.']);
    expect(readAnswers(questions, { c_a: '0', c_b: ['1', 'x'], c_c: '0' }).problems.map((p) => p.questionId)).toEqual(['b', 'c']);
    expect(readAnswers(questions, { c_a: ['0', '1'], c_c: '2' }).problems[0]!.message).toBe('Câu 1: lựa chọn không hợp lệ.');
    expect(readAnswers(questions, { c_a: '0', c_c: '2', c_d: 'x'.repeat(2001) }).problems[0]!.message).toBe('Câu 4: câu trả lời dài quá 2000 ký tự.');
  });
});

describe('aggregate', () => {
  it('counts per option, shares of those who answered, distribution and mean of scales', () => {
    const r = aggregate(questions, [
      { a: 0, b: [0, 1], c: 5, d: 'Rất tốt' },
      { a: 0, c: 4 },
      { a: 2, b: [1], c: 2, d: '' },
      { a: 9, b: [7], c: 9 }, // out of range: not counted for those questions
    ]);
    expect(r.responses).toBe(4);
    const [a, b, c, d] = r.questions;
    expect(a!.counts.map((x) => x.count)).toEqual([2, 0, 1]);
    expect(a!.answered).toBe(3);
    expect(a!.counts[0]!.share).toBeCloseTo(2 / 3);
    expect(b!.answered).toBe(2);
    expect(b!.counts.map((x) => x.count)).toEqual([1, 2, 0]);
    expect(b!.counts[1]!.share).toBe(1);
    expect(c!.counts.map((x) => x.count)).toEqual([0, 1, 0, 1, 1]);
    expect(c!.counts[4]!.label).toBe('5 – Rất hài lòng');
    expect(c!.mean).toBe(3.67);
    expect(d!.answered).toBe(1);
    expect(r.overallMean).toBe(3.67);
    expect(percentVi(a!.counts[0]!.share)).toBe('66,7%');
  });

  it('has no mean and no shares when nobody answered', () => {
    const r = aggregate(questions, []);
    expect(r.overallMean).toBeNull();
    expect(r.questions[2]!.mean).toBeNull();
    expect(r.questions[0]!.counts[0]!.share).toBeNull();
    expect(percentVi(null)).toBe('–');
  });
});
