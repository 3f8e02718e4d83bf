import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttachFileDto, COMPLAINT_PATTERNS, type Actor, type AttachmentView } from '@xb/contracts';
import { CurrentActor, Permission } from '../auth/auth.decorators.js';
import { RpcClient } from '../common/rpc-client.service.js';
import { FilesService } from '../files/files.service.js';
import { ApiReturns } from '../openapi/returns.decorators.js';

/** Evidence files on a complaint: attach an uploaded file (on the timeline), list them. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints/:id/attachments')
export class ComplaintAttachmentsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly files: FilesService,
  ) {}

  @Post()
  @ApiReturns('AttachmentView')
  @Permission('complaints', 'attach')
  @ApiOperation({ summary: 'Attach a file you uploaded (POST /api/files, purpose complaints.complaint) to the complaint; recorded on its timeline' })
  attach(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AttachFileDto): Promise<AttachmentView> {
    return this.files.attach(actor, dto.fileId, 'complaints.complaint', { recordType: 'complaint', recordId: id }, (command) =>
      this.rpc.send<AttachmentView>(COMPLAINT_PATTERNS.attachFile, actor, command),
    );
  }

  @Get()
  @ApiReturns('AttachmentView', { array: true })
  @Permission('complaints', 'show')
  @ApiOperation({ summary: 'The files attached to the complaint, oldest first (download: GET /api/files/:fileId)' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttachmentView[]> {
    return this.rpc.send<AttachmentView[]>(COMPLAINT_PATTERNS.attachments, actor, { id });
  }
}
