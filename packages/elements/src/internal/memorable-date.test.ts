import { expect } from '@esm-bundle/chai';
import { dateOfParts, fieldMessage, partsOfDate, useDateProblem } from './memorable-date.js';
import { dateProblem } from './date-problem.js';
import { uiStrings } from './ui-strings.js';
import { loadWords } from './locale-words.js';
import type { FieldSpec } from './field-specs.js';

// The widget's German and English words are modules of their own, as in a page.
await Promise.all([loadWords('de'), loadWords('en')]);
// What names the wrong box comes with the code that checks answers (form-validation.ts hands it over).
useDateProblem(dateProblem);

const de = uiStrings('de');
const en = uiStrings('en');
const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('a date in three boxes', () => {
  it('makes an ISO date of three numbers, and keeps any other text as typed', () => {
    expect(dateOfParts(parts('27', '3', '1987'))).to.equal('1987-03-27');
    expect(dateOfParts(parts(' 031 ', '03', '1987'))).to.equal('1987-03-31');
    expect(dateOfParts(parts('', '', ''))).to.equal(undefined);
    expect(dateOfParts(parts('  ', '', ''))).to.equal(undefined);
    expect(dateOfParts(parts('27', '3', '87'))).to.equal('87-3-27');
    expect(dateOfParts(parts('27', 'März', '1987'))).to.equal('1987-März-27');
    expect(dateOfParts(parts('', '3', ''))).to.equal('-3-');
    // A dash typed into a box cannot shift the others.
    expect(dateOfParts(parts('2-7', '3', '1987'))).to.equal('1987-03-27');
  });

  it('gives the boxes back what they made, through the value alone (as after a reload)', () => {
    for (const p of [parts('27', '03', '1987'), parts('27', '3', '87'), parts('', '3', ''), parts('31', 'Feb', '2001'), parts('x', '', '1')]) {
      expect(partsOfDate(dateOfParts(p))).to.deep.equal(p);
    }
    expect(partsOfDate(undefined)).to.deep.equal(parts('', '', ''));
    expect(partsOfDate('27.03.1987'), 'a value of another shape is kept whole').to.deep.equal(parts('', '', '27.03.1987'));
  });

  it('names the box that is wrong', () => {
    const problem = (p: ReturnType<typeof parts>) => dateProblem(p, de);
    expect(problem(parts('', '', ''))).to.equal(undefined);
    expect(problem(parts('27', '3', '1987'))).to.equal(undefined);
    expect(problem(parts('29', '2', '2024')), 'a leap day').to.equal(undefined);
    expect(problem(parts('27', '', ''))).to.deep.equal({ parts: ['month', 'year'], message: 'Bitte geben Sie das ganze Datum an: Tag, Monat und Jahr.' });
    expect(problem(parts('', '3', '1987'))).to.deep.equal({ parts: ['day'], message: 'Bitte geben Sie auch den Tag an.' });
    expect(problem(parts('27', '', '1987'))?.message).to.equal('Bitte geben Sie auch den Monat an.');
    expect(problem(parts('27', '3', ' '))?.message).to.equal('Bitte geben Sie auch das Jahr an.');
    expect(problem(parts('32', '3', '1987'))).to.deep.equal({ parts: ['day'], message: 'Der Tag muss eine Zahl von 1 bis 31 sein.' });
    expect(problem(parts('0', '3', '1987'))?.parts).to.deep.equal(['day']);
    expect(problem(parts('27', '13', '1987'))).to.deep.equal({ parts: ['month'], message: 'Der Monat muss eine Zahl von 1 bis 12 sein.' });
    expect(problem(parts('27', 'März', '1987'))?.parts).to.deep.equal(['month']);
    expect(problem(parts('27', '3', '87'))).to.deep.equal({ parts: ['year'], message: 'Das Jahr muss vier Ziffern haben, zum Beispiel 1987.' });
    expect(problem(parts('29', '2', '2023'))).to.deep.equal({ parts: ['day'], message: 'Der Tag muss in diesem Monat eine Zahl von 1 bis 28 sein.' });
    expect(dateProblem(parts('31', '4', '2001'), en)?.message).to.equal('The day must be a number from 1 to 30 in this month.');
  });

  it('replaces the schema’s message only for three boxes that make no date', () => {
    const spec = (control: string) => ({ control }) as unknown as FieldSpec;
    expect(fieldMessage(spec('memorable-date'), '87-03-27', 'Not a valid date.', en)).to.equal('The year must have four digits, for example 1987.');
    expect(fieldMessage(spec('memorable-date'), '1987-03-27', 'Must be in the past.', en), 'a real date keeps its error').to.equal('Must be in the past.');
    expect(fieldMessage(spec('memorable-date'), undefined, 'Please fill in this field.', en)).to.equal('Please fill in this field.');
    expect(fieldMessage(spec('text'), '87-03-27', 'Not a valid date.', en)).to.equal('Not a valid date.');
  });
});
