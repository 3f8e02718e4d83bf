/**
 * `COPY … FROM STDIN` on a node-postgres client without another package: a "submittable"
 * (the interface node-postgres offers for custom protocol flows, as pg-copy-streams uses)
 * that streams text-format rows with back-pressure and resolves with the row count.
 */
import type pg from 'pg';

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyFromStdin {
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly chunks: AsyncIterable<string> | Iterable<string>,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: PgConnection): Promise<void> {
    try {
      for await (const chunk of this.chunks) {
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
      }
      connection.endCopyFrom();
    } catch (err) {
      connection.sendCopyFail(String((err as Error).message));
    }
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rows = Number(m[1]);
  }

  handleReadyForQuery(): void {
    this.resolve(this.rows);
  }

  /** node-postgres drops the active query on an error, so this is the last call it gets. */
  handleError(err: Error): void {
    this.reject(err);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Streams `chunks` (text-format COPY data, whole lines) into `COPY <table> (<columns>) FROM STDIN`. */
export function copyIn(client: pg.Client | pg.PoolClient, table: string, columns: readonly string[], chunks: AsyncIterable<string> | Iterable<string>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const text = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
    (client as unknown as { query(s: CopyFromStdin): void }).query(new CopyFromStdin(text, chunks, resolve, reject));
  });
}

/** A value in COPY text format: NULL as \N, bytea as \\x…, backslash, tab and newlines escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return String(value).replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch]!);
}
