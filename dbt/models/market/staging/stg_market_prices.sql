-- Every source's price bars in one shape, with the asset class of the RAW table they came from.
{% set tables = [
    ('market_crypto_prices_binance', 'crypto'),
    ('market_crypto_prices_coingecko', 'crypto'),
    ('market_crypto_prices_yahoo', 'crypto'),
    ('market_stock_prices_yahoo', 'stock'),
] %}
with

{% for table, asset_class in tables %}
{{ table }} as (
    select
        source,
        upper(trim(symbol)) as symbol,
        '{{ asset_class }}' as asset_class,
        bar_interval,
        open_time,
        close_time,
        quote_currency,
        open as open_price,
        high as high_price,
        low as low_price,
        close as close_price,
        volume,
        quote_volume,
        record_source,
        loaded_at as load_date
    from {{ source('market_raw', table) }}
),
{% endfor %}

unioned as (
{% for table, _ in tables %}
    select * from {{ table }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
)

select * from unioned
