import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { httpError } from '../common/http-errors.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/** Room for the multipart framing and the small fields around the file. */
const MULTIPART_SLACK_BYTES = 64 * 1024;

/**
 * multer for one evidence file in the field `file`, in memory, with the size limit from
 * the config (FILES_MAX_BYTES; larger → 413) and UTF-8 file names (Chinese names arrive
 * intact). FileInterceptor's own options are fixed when the route is declared.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;
  private readonly maxRequestBytes: number;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.maxRequestBytes = config.FILES_MAX_BYTES + MULTIPART_SLACK_BYTES;
    const Multer = FileInterceptor('file', { limits: { fileSize: config.FILES_MAX_BYTES, files: 1, fields: 10 }, defParamCharset: 'utf8' });
    this.inner = new Multer();
  }

  /**
   * A request that announces more than the limit is refused before its body is read: Node
   * then reads and drops the rest, so the client still gets the 413 (multer, stopping
   * mid-body, has to close the connection, which some clients see as a reset instead).
   */
  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const length = Number(context.switchToHttp().getRequest<Request>().headers['content-length']);
    if (Number.isFinite(length) && length > this.maxRequestBytes) {
      return Promise.reject(httpError(413, `Files may be at most ${this.maxRequestBytes - MULTIPART_SLACK_BYTES} bytes`));
    }
    return Promise.resolve(this.inner.intercept(context, next));
  }
}
