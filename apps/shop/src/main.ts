import { bootstrapApp } from '@app/platform';
import { ShopConfig } from './shop.config';
import { ShopModule } from './shop.module';

void bootstrapApp({ name: 'shop', module: ShopModule, config: ShopConfig });
