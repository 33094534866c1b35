import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AddressView } from '@linli/shared';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AddressDto } from './addresses.dto';
import { AddressesService } from './addresses.service';

@ApiTags('addresses')
@ShopperAuth()
@Controller('api/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  list(@CurrentUserId() userId: number): Promise<AddressView[]> {
    return this.addresses.list(userId);
  }

  @Get(':id')
  get(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<AddressView> {
    return this.addresses.get(userId, id);
  }

  @Post()
  create(@CurrentUserId() userId: number, @Body() dto: AddressDto): Promise<AddressView> {
    return this.addresses.create(userId, dto);
  }

  @Put(':id')
  update(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: AddressDto): Promise<AddressView> {
    return this.addresses.update(userId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<void> {
    return this.addresses.remove(userId, id);
  }
}
