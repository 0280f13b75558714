import { Module } from '@nestjs/common';
import { ShopReplay } from './shop.replay';

@Module({ providers: [ShopReplay], exports: [ShopReplay] })
export class ShopReplayModule {}
