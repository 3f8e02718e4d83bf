import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/**
 * multer for one evidence file in the field `file`, in memory, with the size limit from
 * the config (FILES_MAX_BYTES; larger → 413) and UTF-8 file names (Chinese names arrive
 * intact). FileInterceptor's own options are fixed when the route is declared.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const Multer = FileInterceptor('file', { limits: { fileSize: config.FILES_MAX_BYTES, files: 1, fields: 10 }, defParamCharset: 'utf8' });
    this.inner = new Multer();
  }

  intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return Promise.resolve(this.inner.intercept(context, next));
  }
}
