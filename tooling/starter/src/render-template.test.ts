import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.mjs';

describe('renderTemplate', () => {
  it('fills every placeholder, with or without inner spaces, as often as it appears', () => {
    expect(renderTemplate('{{a}}-{{ b }}-{{a}}', { a: '1', b: '2' }, 't')).toBe('1-2-1');
  });

  it('keeps an escaped placeholder literal', () => {
    expect(renderTemplate('\\{{a}} is {{a}}', { a: 'x' }, 't')).toBe('{{a}} is x');
  });

  it('inserts values verbatim, even ones that look like replacement patterns', () => {
    expect(renderTemplate('{{a}}', { a: "$& $1 $$ {{b}}" }, 't')).toBe("$& $1 $$ {{b}}");
  });

  it('refuses a placeholder without a value, naming the template and the known ones', () => {
    expect(() => renderTemplate('{{missing}}', { a: '1' }, 'src/index.ts.tmpl')).toThrow(
      'src/index.ts.tmpl: no value for the placeholder {{missing}}. Known: a.',
    );
  });
});
