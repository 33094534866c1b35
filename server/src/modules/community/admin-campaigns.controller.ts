import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { BatchesService, pickListCsv, pickListHtml } from './batches.service';
import { CampaignsService } from './campaigns.service';
import { BatchView, CampaignView, CreateCommunityCampaignDto, PickListView } from './community.dto';

@ApiTags('admin: community')
@AdminAuth()
@Controller('admin/community')
export class AdminCampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly batches: BatchesService,
  ) {}

  @Get('campaigns')
  list(): Promise<CampaignView[]> {
    return this.campaigns.adminList();
  }

  @Post('campaigns')
  create(@Body() dto: CreateCommunityCampaignDto): Promise<CampaignView> {
    return this.campaigns.create(dto);
  }

  @Get('campaigns/:id')
  get(@Param('id', IdPipe) id: number): Promise<CampaignView> {
    return this.campaigns.get(id);
  }

  /** After the cut-off: batches the paid orders per store (safe to repeat) and lists the batches. */
  @Post('campaigns/:id/batches')
  @HttpCode(200)
  batch(@Param('id', IdPipe) id: number): Promise<BatchView[]> {
    return this.batches.batch(id);
  }

  @Get('campaigns/:id/batches')
  batchesOf(@Param('id', IdPipe) id: number): Promise<BatchView[]> {
    return this.batches.forCampaign(id);
  }

  /** A batch with its state, SKU totals and shortages noted on arrival. */
  @Get('batches/:id')
  getBatch(@Param('id', IdPipe) id: number): Promise<BatchView> {
    return this.batches.get(id);
  }

  /** 待配送 → 配送中. */
  @Post('batches/:id/ship')
  @HttpCode(200)
  ship(@Param('id', IdPipe) id: number): Promise<BatchView> {
    return this.batches.ship(id);
  }

  /** The pick list (配货单): SKU totals and orders with masked buyers. */
  @Get('batches/:id/pick-list')
  pickList(@Param('id', IdPipe) id: number): Promise<PickListView> {
    return this.batches.pickList(id);
  }

  @Get('batches/:id/pick-list/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  async pickListCsv(@Param('id', IdPipe) id: number): Promise<string> {
    return pickListCsv(await this.batches.pickList(id));
  }

  @Get('batches/:id/pick-list/html')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async pickListHtml(@Param('id', IdPipe) id: number): Promise<string> {
    return pickListHtml(await this.batches.pickList(id));
  }
}
