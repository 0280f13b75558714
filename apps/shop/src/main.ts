import { bootstrapApp } from '@app/platform';
import { setUpShopApiDocs } from './rest/api-docs';
import { ShopConfig } from './shop.config';
import { servesShopApi, ShopModule } from './shop.module';

void bootstrapApp({
  name: 'shop',
  module: ShopModule,
  config: ShopConfig,
  beforeListen: async (app, config) => {
    if (servesShopApi(config.ROLE)) setUpShopApiDocs(app);
  },
});
