import { describe, expect, it } from 'vitest';
import { isAppendableTextType, isAsciiCompatibleCharset, parseContentType } from './contentType.js';

describe('parseContentType', () => {
  it('lower-cases the media type and reads the charset', () => {
    expect(parseContentType('Text/HTML; Charset="UTF-8"')).toEqual({ mediaType: 'text/html', charset: 'utf-8' });
  });

  it('has no charset when none is given', () => {
    expect(parseContentType('application/json')).toEqual({ mediaType: 'application/json', charset: undefined });
  });
});

describe('isAppendableTextType', () => {
  it.each(['text/plain', 'text/html; charset=utf-8', 'TEXT/CSV', 'text/markdown'])('%s is text', (value) => {
    expect(isAppendableTextType(parseContentType(value))).toBe(true);
  });

  it.each([
    'application/json',
    'application/problem+json',
    'application/x-www-form-urlencoded;charset=UTF-8',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'image/png',
    'text/event-stream',
    'application/xml',
    '',
  ])('%j is not text the suffix may be appended to', (value) => {
    expect(isAppendableTextType(parseContentType(value))).toBe(false);
  });
});

describe('isAsciiCompatibleCharset', () => {
  it.each([undefined, 'utf-8', 'iso-8859-1', 'us-ascii', 'windows-1252', 'shift_jis'])('%s is', (charset) => {
    expect(isAsciiCompatibleCharset(charset)).toBe(true);
  });

  it.each(['utf-16', 'utf-16le', 'utf16', 'utf-32be', 'ucs-2'])('%s is not', (charset) => {
    expect(isAsciiCompatibleCharset(charset)).toBe(false);
  });
});
