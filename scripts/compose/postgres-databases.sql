-- One database per app on the compose PostgreSQL (run once, when its volume is new).
create database event_manager owner events;
create database handler_router owner events;
create database severity_pipeline owner events;
create database event_hub owner events;
create database shop owner events;
