import { FimError } from './errors.js';
import { child, childrenNamed, textAt, type XmlElement } from './parse-xml.js';

/** A genericode code list reduced to what a choice needs. */
export interface CodeList {
  /** CanonicalUri, e.g. `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat`. */
  readonly urn: string;
  readonly version: string;
  /** CanonicalVersionUri, e.g. `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat_2017-01-01`. */
  readonly versionUri: string;
  readonly entries: readonly { readonly code: string; readonly label: string }[];
}

const GENERICODE_NS = 'http://docs.oasis-open.org/codelist/ns/genericode/1.0/';

/**
 * Reads a genericode 1.0 `CodeList`. The code is the column of the first key (or `codeKey` when given), the
 * label the column `nameKey` when given, else the first other column.
 *
 * @throws FimError `CODELIST_INVALID` when the document is not a genericode code list.
 */
export function readGenericode(root: XmlElement, keys: { codeKey?: string; nameKey?: string } = {}): CodeList {
  const ns = root.attributes[root.prefix ? `xmlns:${root.prefix}` : 'xmlns'];
  if (root.name !== 'CodeList' || ns !== GENERICODE_NS) {
    throw new FimError('CODELIST_INVALID', `a code list file must hold a genericode <CodeList> in ${GENERICODE_NS}; found <${root.name}> in "${ns ?? ''}"`);
  }
  const identification = child(root, 'Identification');
  const urn = textAt(identification, 'CanonicalUri');
  if (!urn) throw new FimError('CODELIST_INVALID', 'a genericode code list has no Identification/CanonicalUri');
  const columnSet = child(root, 'ColumnSet');
  const columns = childrenNamed(columnSet, 'Column').map((c) => c.attributes['Id'] ?? '');
  const keyColumn = childrenNamed(columnSet, 'Key')
    .map((k) => child(k, 'ColumnRef')?.attributes['Ref'])
    .find((r) => r !== undefined);
  const codeColumn = keys.codeKey ?? keyColumn ?? columns[0];
  const labelColumn = keys.nameKey ?? columns.find((c) => c !== codeColumn);
  if (!codeColumn) throw new FimError('CODELIST_INVALID', `the code list ${urn} has no columns`);
  const entries = childrenNamed(child(root, 'SimpleCodeList'), 'Row').map((row) => {
    const values = new Map(childrenNamed(row, 'Value').map((v) => [v.attributes['ColumnRef'] ?? '', textAt(v, 'SimpleValue')]));
    const code = values.get(codeColumn) ?? '';
    return { code, label: (labelColumn !== undefined ? values.get(labelColumn) : undefined) || code };
  });
  return {
    urn,
    version: textAt(identification, 'Version'),
    versionUri: textAt(identification, 'CanonicalVersionUri'),
    entries: entries.filter((e) => e.code !== ''),
  };
}
