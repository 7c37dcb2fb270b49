import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ingestError, toolDetail } from './ingest-errors';
import { SourceKind } from './ingest.types';
import { runTool } from './run-tool';

export interface ConversionJob {
  soffice: string;
  inputPath: string;
  kind: SourceKind;
  /** A private, empty folder for this run (LibreOffice profile, input copy, output). */
  tempDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Settings of the throw-away profile: uploaded documents are untrusted, so no macros run and
 * nothing a document links to (a remote image, a file:///etc/... "image") is fetched into the PDF.
 */
const HARDENED_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

/**
 * Office document → PDF with LibreOffice headless. Each run gets its own profile
 * (-env:UserInstallation): two conversions sharing one profile lock each other out or crash.
 * The input is copied under a name with the DETECTED extension, so LibreOffice picks its filter
 * from what the file is, not from what the upload was called. Returns the PDF's path.
 */
export async function convertToPdf(job: ConversionJob): Promise<string> {
  const profileDir = join(job.tempDir, 'profile');
  const outDir = join(job.tempDir, 'out');
  const source = join(job.tempDir, `source.${job.kind}`);
  await mkdir(join(profileDir, 'user'), { recursive: true });
  await mkdir(outDir);
  await writeFile(join(profileDir, 'user', 'registrymodifications.xcu'), HARDENED_PROFILE);
  await copyFile(job.inputPath, source);

  const result = await runTool({
    command: job.soffice,
    args: [
      `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      source,
    ],
    timeoutMs: job.timeoutMs,
    signal: job.signal,
    maxStdoutBytes: 64 * 1024,
    // LibreOffice also writes under $HOME; keep that inside the throw-away folder too.
    env: { ...process.env, HOME: profileDir },
  });
  const pdfPath = join(outDir, 'source.pdf');
  // soffice exits 0 even when it could not load the file; the missing PDF is the real signal.
  const size = await stat(pdfPath).then(
    (s) => s.size,
    () => 0,
  );
  if (result.exitCode !== 0 || size === 0) {
    const output = `${result.stdout.toString('utf8')}\n${result.stderr}`;
    throw ingestError('conversion_failed', toolDetail('soffice --convert-to pdf', result.exitCode, output));
  }
  return pdfPath;
}
