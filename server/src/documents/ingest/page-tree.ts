import { readFile, writeFile } from 'node:fs/promises';

import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

/** Kids per node of the rebuilt tree. */
const FANOUT = 16;
/** pdf-lib parses in memory on the event loop: bigger files keep their tree (see note below). */
export const BALANCE_MAX_BYTES = 40 * 1024 * 1024;
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((key) => PDFName.of(key));

/**
 * Rebuilds the page tree so a range-reading viewer reaches the LAST page by a few small objects.
 * pdf.js checks the last page before it shows the first one, and walks the tree kid by kid: with
 * the flat /Kids array most writers produce, that fetches every page's dictionary, i.e. nearly
 * the whole linearized file over a weak link. Here the root has two kids: a balanced tree of all
 * pages but the last (subtrees skipped by their /Count) and a node holding only the last page.
 * Inherited attributes are copied onto each page first, so no page changes. Returns false (and
 * writes nothing) when there is nothing to gain.
 */
export async function balancePageTree(inputPath: string, outputPath: string): Promise<boolean> {
  const doc = await PDFDocument.load(await readFile(inputPath), { updateMetadata: false });
  const pages = doc.getPages();
  if (pages.length < 3) return false;
  const { context } = doc;
  const rootRef = doc.catalog.get(PDFName.of('Pages'));
  if (!(rootRef instanceof PDFRef)) return false;
  const root = context.lookup(rootRef, PDFDict);

  for (const page of pages) {
    for (const key of INHERITED) {
      const value = page.node.getInheritableAttribute(key);
      if (value && !page.node.has(key)) page.node.set(key, value);
    }
  }

  const node = (kids: PDFRef[], count: number, parent: PDFRef, ref = context.nextRef()): PDFRef => {
    context.assign(
      ref,
      context.obj({ Type: 'Pages', Kids: kids, Count: PDFNumber.of(count), Parent: parent }) as PDFDict,
    );
    return ref;
  };
  /** A subtree over `refs` (pages), hung under `parent`; returns its ref. */
  const build = (refs: PDFRef[], parent: PDFRef): PDFRef => {
    const ref = context.nextRef();
    if (refs.length <= FANOUT) {
      for (const page of refs) context.lookup(page, PDFDict).set(PDFName.of('Parent'), ref);
      return node(refs, refs.length, parent, ref);
    }
    const size = Math.ceil(refs.length / FANOUT);
    const kids: PDFRef[] = [];
    for (let i = 0; i < refs.length; i += size) kids.push(build(refs.slice(i, i + size), ref));
    return node(kids, refs.length, parent, ref);
  };

  const refs = pages.map((page) => page.ref);
  const last = refs[refs.length - 1];
  const lastNode = context.nextRef();
  context.lookup(last, PDFDict).set(PDFName.of('Parent'), lastNode);
  const kids = [build(refs.slice(0, -1), rootRef), node([last], 1, rootRef, lastNode)];
  root.set(PDFName.of('Kids'), context.obj(kids));
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  await writeFile(
    outputPath,
    await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }),
  );
  return true;
}
