import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SHOP_STORE } from '../shop.store';
import { CUSTOMER_MODEL, CustomerDocumentSchema } from './customer.schema';
import { PRODUCT_MODEL, ProductDocumentSchema } from './product.schema';
import { PURCHASE_MODEL, PurchaseDocumentSchema } from './purchase.schema';
import { MongoShopStore } from './mongo-shop.store';
import { ShopMongoModule } from './shop-mongo.module';

/** The shop's stores in MongoDB (MONGO_URL): collections products, customers, purchases. */
@Module({
  imports: [
    ShopMongoModule,
    MongooseModule.forFeature([
      { name: PRODUCT_MODEL, schema: ProductDocumentSchema },
      { name: CUSTOMER_MODEL, schema: CustomerDocumentSchema },
      { name: PURCHASE_MODEL, schema: PurchaseDocumentSchema },
    ]),
  ],
  providers: [{ provide: SHOP_STORE, useClass: MongoShopStore }],
  exports: [SHOP_STORE],
})
export class MongoShopStoreModule {}
