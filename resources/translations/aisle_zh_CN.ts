<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BundleFlow</name>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="25" />
        <source>Downloading catalog bundles is not available in this version.</source>
        <translation>此版本不支持下载商品目录包。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="26" />
        <source>Paste the link (or path) of a catalog bundle. It is checked before it replaces your catalog, and the previous catalog is kept for rollback.</source>
        <translation>粘贴商品目录包的链接（或路径）。替换当前目录前会先校验，旧目录会保留以便回滚。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="45" />
        <source>Installed %1 (version %2, %3 products).</source>
        <translation>已安装 %1（版本 %2，%3 件商品）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="47" />
        <source>Catalog installed</source>
        <translation>目录已安装</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="52" />
        <source>Installing a catalog</source>
        <translation>正在安装目录</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="132" />
        <source>Listed from the catalog without the chat model: %1</source>
        <translation>未使用对话模型，直接从目录中列出：%1</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="74" />
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="75" />
        <source>Aisle</source>
        <translation>Aisle</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="105" />
        <source>+ New chat (Ctrl+N)</source>
        <translation>+ 新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="106" />
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="107" />
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="109" />
        <source>Ask for what you need, e.g. “a warm rug under $100”  (Enter sends, Shift+Enter new line)</source>
        <translation>说说你需要什么，例如“100 元以内的保暖地毯”（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="110" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="111" />
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="113" />
        <location filename="../../desktop_app/chat_view.py" line="138" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="119" />
        <source>The shopping assistant is not part of this version yet. Use Search to browse the catalog.</source>
        <translation>此版本尚未包含购物助手。请使用“搜索”浏览目录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="205" />
        <source>(stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="206" />
        <source>(no answer)</source>
        <translation>（没有回答）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="231" />
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="231" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="233" />
        <source>Export the conversation</source>
        <translation>导出对话</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop_app/errors.py" line="21" />
        <source>Something went wrong inside Aisle. Your data is safe; please try again. Details were written to the log.</source>
        <translation>Aisle 内部出了点问题。你的数据是安全的，请重试。详细信息已写入日志。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="36" />
        <source>Aisle</source>
        <translation>Aisle</translation>
    </message>
</context>
<context>
    <name>ForYouView</name>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="44" />
        <source>Picked for you</source>
        <translation>为你推荐</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="45" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="48" />
        <source>Personal picks need the on-device history, which this version does not have yet.</source>
        <translation>个性化推荐需要本机浏览记录，此版本尚不支持。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="53" />
        <source>Nothing here yet. As you search, open and save products, Aisle learns what you like — on this computer only — and your picks appear here with the reason for each.</source>
        <translation>这里还没有内容。当你搜索、查看和收藏商品时，Aisle 会在这台电脑上（仅在本机）了解你的喜好，推荐会显示在这里，并附上每条推荐的理由。</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="32" />
        <source>Importing products</source>
        <translation>正在导入商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="36" />
        <source>Imported %1 new, updated %2, removed %3 products.</source>
        <translation>新增 %1 件，更新 %2 件，移除 %3 件商品。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="41" />
        <source>Skipped %1 rows (%2).</source>
        <translation>跳过了 %1 行（%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="43" />
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <location filename="../../desktop_app/long_task.py" line="32" />
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="32" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="41" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="65" />
        <source>Working</source>
        <translation>处理中</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/main_window.py" line="83" />
        <source>Aisle — your offline shopping assistant</source>
        <translation>Aisle — 你的离线购物助手</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="84" />
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="84" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="84" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="84" />
        <source>For you</source>
        <translation>为你推荐</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="85" />
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="85" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="112" />
        <source>Opening the catalog…</source>
        <translation>正在打开目录…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="133" />
        <source>1 product</source>
        <translation>1 件商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="133" />
        <source>%1 products</source>
        <translation>%1 件商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="137" />
        <source>prices as of %1</source>
        <translation>价格截至 %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="143" />
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="144" />
        <source>Model ready: %1</source>
        <translation>模型就绪：%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="145" />
        <source>No chat model — answers list matching products</source>
        <translation>无对话模型 — 回答将列出匹配的商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="146" />
        <source>Chat model not available in this version</source>
        <translation>此版本不提供对话模型</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="44" />
        <source>This version of Aisle has no chat model support; search still works.</source>
        <translation>此版本的 Aisle 不支持对话模型；搜索仍可使用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="45" />
        <source>Threads: 0 uses every physical core. GPU layers: -2 detects a GPU, 0 keeps the model on the CPU. Changes apply when the model is reloaded.</source>
        <translation>线程：0 表示使用所有物理核心。GPU 层数：-2 自动检测 GPU，0 表示只用 CPU。重新加载模型后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="61" />
        <source> (not installed)</source>
        <translation>（未安装）</translation>
    </message>
</context>
<context>
    <name>PrivacyView</name>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="20" />
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
</context>
<context>
    <name>ProductCard</name>
    <message>
        <location filename="../../desktop_app/product_card.py" line="16" />
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="25" />
        <source>no ratings yet</source>
        <translation>暂无评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="47" />
        <source>No image offline</source>
        <translation>离线时无图片</translation>
    </message>
</context>
<context>
    <name>ProductView</name>
    <message>
        <location filename="../../desktop_app/product_view.py" line="92" />
        <source>Pick a product in Search, Chat or For you to see its details here.</source>
        <translation>在“搜索”、“聊天”或“为你推荐”中选择一件商品，即可在这里查看详情。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="94" />
        <source>♡ Save</source>
        <translation>♡ 收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="94" />
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="95" />
        <source>Mark as bought</source>
        <translation>标记为已购买</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="95" />
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="102" />
        <source>Personal lists need the on-device history, which this version does not have yet.</source>
        <translation>个人清单需要本机浏览记录，此版本尚不支持。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="103" />
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="104" />
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="104" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="105" />
        <source>Similar items</source>
        <translation>相似商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="130" />
        <source>This product is no longer in the catalog.</source>
        <translation>该商品已不在目录中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="150" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="150" />
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="151" />
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="151" />
        <source>Availability</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="174" />
        <source>Saved to your wishlist.</source>
        <translation>已收藏到心愿单。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="174" />
        <source>Added to your cart.</source>
        <translation>已加入购物车。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="175" />
        <source>Marked as bought.</source>
        <translation>已标记为已购买。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="176" />
        <source>Got it — we won't suggest this again.</source>
        <translation>好的 — 不会再推荐它了。</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../desktop_app/search_view.py" line="135" />
        <source>Search products (Ctrl+K)…</source>
        <translation>搜索商品 (Ctrl+K)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="136" />
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="137" />
        <source>Best match</source>
        <translation>最相关</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="137" />
        <source>Price: low to high</source>
        <translation>价格从低到高</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="138" />
        <source>Price: high to low</source>
        <translation>价格从高到低</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="138" />
        <source>Top rated</source>
        <translation>评分最高</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="139" />
        <source>Any rating</source>
        <translation>不限评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="139" />
        <source>4.5 stars &amp; up</source>
        <translation>4.5 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="139" />
        <source>4 stars &amp; up</source>
        <translation>4 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="140" />
        <source>3 stars &amp; up</source>
        <translation>3 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="148" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="149" />
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="151" />
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="152" />
        <source>Min price</source>
        <translation>最低价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="153" />
        <source>Max price</source>
        <translation>最高价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="154" />
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="155" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="156" />
        <source>‹ Previous</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="157" />
        <source>Next ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="227" />
        <source>1 result</source>
        <translation>1 个结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="227" />
        <source>%1 results</source>
        <translation>%1 个结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="230" />
        <source>showing results for “%1”</source>
        <translation>显示“%1”的结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="234" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="244" />
        <source>All brands</source>
        <translation>全部品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="257" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="88" />
        <source>Choose a GGUF model file</source>
        <translation>选择 GGUF 模型文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="89" />
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="136" />
        <source>Import a product feed</source>
        <translation>导入商品数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="181" />
        <source>Chat model</source>
        <translation>对话模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="182" />
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="183" />
        <source>Language and appearance</source>
        <translation>语言和外观</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="184" />
        <source>Choose a GGUF file…</source>
        <translation>选择 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="185" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="185" />
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="185" />
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="186" />
        <source>Context size (tokens)</source>
        <translation>上下文长度（词元）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="189" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="190" />
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="192" />
        <source>Apply and reload the model</source>
        <translation>应用并重新加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="194" />
        <source>Importing a feed replaces the products of the current catalog. Your history and saved items are kept.</source>
        <translation>导入商品数据会替换当前目录中的商品。你的浏览记录和收藏会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="196" />
        <source>Import a feed file…</source>
        <translation>导入商品数据文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="197" />
        <source>Catalog bundle URL or file</source>
        <translation>目录包链接或文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="198" />
        <source>Download and install</source>
        <translation>下载并安装</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="202" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="204" />
        <source>The theme follows your system's light or dark setting.</source>
        <translation>主题跟随系统的浅色或深色设置。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop_app/startup.py" line="32" />
        <source>Preparing the demo catalog…</source>
        <translation>正在准备示例目录…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/startup.py" line="52" />
        <source>Aisle repaired some files</source>
        <translation>Aisle 修复了一些文件</translation>
    </message>
</context>
</TS>