-- A scripted psql session against the Cutaway server (PsqlSessionTest).
\set ON_ERROR_STOP 0
create table customers (id int primary key, name text not null, balance numeric(10,2));
insert into customers values (1, 'Ada', 10.50), (2, 'Brian', -3), (3, 'Chen', null);
select * from customers order by id;
select id, name from customers where balance > 0; select count(*) as n from customers;
-- errors: position caret, SQLSTATE-driven messages
selec 1;
select nosuch from customers;
insert into customers values (1, 'Dup', 0);
select 1/0;
-- a transaction that fails, then a rollback
begin;
update customers set balance = balance + 1 where id = 1;
select * from nosuchtable;
select 1;
commit;
select balance from customers where id = 1;
-- COPY in both directions and both formats
copy customers (id, name, balance) from stdin;
4	Dana	7.25
5	Eve	\N
\.
copy customers to stdout;
copy (select id, name from customers where id > 3 order by id) to stdout with (format csv, header);
\copy customers (id, name) from stdin with (format csv)
6,"Fay, Jr."
\.
select name from customers where id = 6;
-- utility statements and settings
set application_name = 'golden';
show application_name;
create role reader login password 'secret';
drop role reader;
select '' as empty, null as nothing, true as yes, 1.5::float8 as f, date '2024-02-29' as d;
-- catalog meta-commands answered from pg_catalog
create view rich as select name from customers where balance > 5;
\dt
\d
select 'pg_catalog' ~ '^pg_' as m, 'Public' !~* '^public$' as n;
-- \d TABLE and the other listings, answered from pg_catalog as psql 15 prints PostgreSQL's
create table orders (id serial primary key, customer_id int not null references customers(id) on delete cascade, total numeric(12,2) default 0 check (total >= 0), note varchar(20));
create index orders_customer on orders (customer_id);
\d customers
\d orders
\d orders_pkey
\d orders_id_seq
\di
\ds
\dn
\du
\l
-- NoticeResponse
drop table if exists nosuch;
drop table if exists nosuch, orders;
