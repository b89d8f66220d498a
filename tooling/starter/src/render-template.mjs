// @ts-check

/**
 * Fills `{{name}}` placeholders. A placeholder without a value is a bug in the template, not something to publish
 * half-rendered, so it throws; `\{{` writes a literal `{{`.
 * @param {string} template
 * @param {Readonly<Record<string, string>>} values
 * @param {string} source where the template came from, for the error message
 */
export function renderTemplate(template, values, source) {
  const rendered = template.replace(/(\\?)\{\{\s*([\w]+)\s*\}\}/g, (match, escape, key) => {
    if (escape === '\\') return match.slice(1);
    const value = values[key];
    if (value === undefined) {
      throw new Error(`${source}: no value for the placeholder {{${key}}}. Known: ${Object.keys(values).join(', ')}.`);
    }
    return value;
  });
  return rendered;
}
