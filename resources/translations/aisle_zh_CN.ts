<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BundleFlow</name>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="17"/>
        <source>Paste the link (or path) of a catalog bundle. It is checked before it replaces your catalog, and the previous catalog is kept for rollback.</source>
        <translation>粘贴商品目录包的链接（或路径）。替换当前目录前会先校验，旧目录会保留以便回滚。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="48"/>
        <source>Installed %1 (version %2, %3 products).</source>
        <translation>已安装 %1（版本 %2，%3 件商品）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="52"/>
        <source>%1 products are no longer in the catalog.</source>
        <translation>有 %1 件商品已不在目录中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="56"/>
        <source>%1 of them are on your saved list or in your cart; they stay there, marked.</source>
        <translation>其中 %1 件在您的收藏或购物车中；它们会保留并加以标注。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="60"/>
        <source>Price drops: %1 of your saved products are cheaper now.</source>
        <translation>降价：您收藏的商品中有 %1 件现在更便宜了。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="64"/>
        <source>Catalog installed</source>
        <translation>目录已安装</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="68"/>
        <source>Show them</source>
        <translation>查看这些商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/bundle_flow.py" line="42"/>
        <source>Installing a catalog</source>
        <translation>正在安装目录</translation>
    </message>
</context>
<context>
    <name>CatalogUpdatesBox</name>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="45"/>
        <source>Catalog updates</source>
        <translation>目录更新</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="46"/>
        <source>Address of the publisher&apos;s update index</source>
        <translation>发布者的更新索引地址</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="47"/>
        <source>Check for updates</source>
        <translation>检查更新</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="48"/>
        <source>Go back to the previous catalog…</source>
        <translation>回到上一个目录…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="60"/>
        <source>Enter the update address your catalog&apos;s publisher gives.</source>
        <translation>请输入目录发布者提供的更新地址。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="68"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="84"/>
        <source>Version %1 of %2 is available%3; you have %4.</source>
        <translation>%2 有新版本 %1%3；您当前的版本是 %4。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="88"/>
        <source>Install version %1</source>
        <translation>安装版本 %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="91"/>
        <source>Your catalog is up to date (version %1).</source>
        <translation>您的目录已是最新（版本 %1）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="110"/>
        <source>Go back to the previous catalog?</source>
        <translation>回到上一个目录？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="111"/>
        <source>The catalog you used before this one becomes active again; the current one is kept, so you can switch back. Your history, chats and lists are kept.</source>
        <translation>之前使用的目录将重新启用；当前目录会保留，您可以再切换回来。您的记录、聊天和清单都会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="113"/>
        <source>Go back</source>
        <translation>回到上一个</translation>
    </message>
    <message>
        <location filename="../../desktop_app/catalog_updates.py" line="117"/>
        <source>Back to %1 (version %2, %3 products).</source>
        <translation>已回到 %1（版本 %2，%3 件商品）。</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="167"/>
        <source>Listed from the catalog without the chat model: %1</source>
        <translation>未使用对话模型，直接从目录中列出：%1</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="82"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_bridge.py" line="83"/>
        <source>Aisle</source>
        <translation>Aisle</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="182"/>
        <source>+ New chat (Ctrl+N)</source>
        <translation>+ 新对话 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="183"/>
        <source>Search chats</source>
        <translation>搜索聊天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="184"/>
        <source>Rename (F2)</source>
        <translation>重命名 (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="185"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="186"/>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="187"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="189"/>
        <source>Ask for what you need, e.g. “a warm rug under $100”  (Enter sends, Shift+Enter new line)</source>
        <translation>说说你需要什么，例如“100 元以内的保暖地毯”（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="191"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="192"/>
        <source>Stop (Esc)</source>
        <translation>停止 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="245"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="200"/>
        <source>The chat model is loading. You can ask already: the answer starts as soon as it is ready.</source>
        <translation>聊天模型正在加载。现在就可以提问：模型就绪后立即开始回答。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="203"/>
        <source>No chat model: %1 Answers list the best matching products from the catalog instead.</source>
        <translation>没有可用的聊天模型：%1 回答将改为列出商品目录中最匹配的商品。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="416"/>
        <source>(stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="391"/>
        <source>(no answer)</source>
        <translation>（没有回答）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="283"/>
        <source>Rename the chat</source>
        <translation>重命名聊天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="283"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="302"/>
        <source>Delete this chat?</source>
        <translation>删除这个聊天？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="303"/>
        <source>“%1” is deleted from this computer. This cannot be undone.</source>
        <translation>“%1”将从这台电脑上删除，无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="425"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="425"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_view.py" line="427"/>
        <source>Export the conversation</source>
        <translation>导出对话</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="31"/>
        <source>Remove from the comparison</source>
        <translation>从比较中移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="33"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="73"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="75"/>
        <source>Choose two to four products to see them side by side: “Compare” on a product page or in your saved list, or right-click a product card.</source>
        <translation>选择两到四件商品并排比较：在商品页或收藏清单中点击“比较”，或右键点击商品卡片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="77"/>
        <source>Clear the comparison</source>
        <translation>清空比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="91"/>
        <source>Aisle is writing a short verdict…</source>
        <translation>Aisle 正在写一段简短的结论…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="123"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="133"/>
        <source>Aisle&apos;s verdict (chat model):</source>
        <translation>Aisle 的结论（聊天模型）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/compare_view.py" line="134"/>
        <source>From the catalog data:</source>
        <translation>根据目录数据：</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../desktop_app/confirm.py" line="20"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>EmptyChat</name>
    <message>
        <location filename="../../desktop_app/chat_widgets.py" line="56"/>
        <source>Tell Aisle what you need: it finds it in the catalog on this computer, offline, and nothing you ask leaves it.</source>
        <translation>告诉 Aisle 您需要什么：它在这台电脑上的商品目录里离线为您查找，您问的一切都不会离开这台电脑。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_widgets.py" line="58"/>
        <source>A warm rug for a small living room under $100</source>
        <translation>适合小客厅的保暖地毯，100美元以内</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_widgets.py" line="59"/>
        <source>Wireless headphones for running</source>
        <translation>跑步用的无线耳机</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_widgets.py" line="60"/>
        <source>A gift for a child who likes building things</source>
        <translation>送给喜欢动手搭建的孩子的礼物</translation>
    </message>
    <message>
        <location filename="../../desktop_app/chat_widgets.py" line="61"/>
        <source>A non-stick frying pan, cheapest first</source>
        <translation>不粘煎锅，最便宜的排在前面</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop_app/errors.py" line="34"/>
        <source>The download did not work.</source>
        <translation>下载没有成功。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="35"/>
        <source>This catalog bundle cannot be installed.</source>
        <translation>无法安装这个商品目录包。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="36"/>
        <source>This file cannot be imported.</source>
        <translation>无法导入这个文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="37"/>
        <source>The chat model cannot be used.</source>
        <translation>无法使用这个聊天模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="38"/>
        <source>The saved list or the cart could not be changed.</source>
        <translation>无法更改收藏或购物车。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="39"/>
        <source>Your history could not be read or written.</source>
        <translation>无法读取或写入您的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="40"/>
        <source>This setting cannot be used.</source>
        <translation>无法使用这个设置。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="41"/>
        <source>This search cannot be run.</source>
        <translation>无法执行这次搜索。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="42"/>
        <source>The assistant could not do this.</source>
        <translation>助手无法完成这项操作。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="43"/>
        <source>Aisle is already open.</source>
        <translation>Aisle 已经打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="44"/>
        <source>The catalog cannot be used.</source>
        <translation>无法使用这个商品目录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="67"/>
        <source>Something went wrong inside Aisle. Your data is safe; please try again. Details were written to the log.</source>
        <translation>Aisle 内部出了点问题。你的数据是安全的，请重试。详细信息已写入日志。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/errors.py" line="82"/>
        <source>Aisle</source>
        <translation>Aisle</translation>
    </message>
</context>
<context>
    <name>ForYouView</name>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="48"/>
        <source>Picked for you</source>
        <translation>为你推荐</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="49"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="51"/>
        <source>Nothing here yet. As you search, open and save products, Aisle learns what you like — on this computer only — and your picks appear here with the reason for each. Open a few products to get started.</source>
        <translation>这里还没有内容。当你搜索、打开和收藏商品时，Aisle 会了解你的喜好（只在这台电脑上），为你挑选的商品会连同推荐理由显示在这里。先打开几件商品试试吧。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/for_you_view.py" line="55"/>
        <source>Chosen from what you viewed and saved on this computer. Products you bought or marked “not interested” are left out.</source>
        <translation>根据你在这台电脑上浏览和收藏的商品挑选。已购买或标记为“不感兴趣”的商品不会出现。</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="35"/>
        <source>Importing products</source>
        <translation>正在导入商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="40"/>
        <source>Imported %1 new, updated %2, removed %3 products.</source>
        <translation>新增 %1 件，更新 %2 件，移除 %3 件商品。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="48"/>
        <source>Skipped %1 rows (%2).</source>
        <translation>跳过了 %1 行（%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/import_flow.py" line="51"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="81"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="81"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="82"/>
        <location filename="../../desktop_app/lists_view.py" line="135"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="82"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="83"/>
        <source>Nothing saved yet: press ♡ Save on a product page.</source>
        <translation>还没有收藏：在商品页点击“♡ 收藏”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="85"/>
        <source>Your cart is empty: press Add to cart on a product page.</source>
        <translation>购物车是空的：在商品页点击“加入购物车”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="86"/>
        <source>Export as CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="87"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="103"/>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="105"/>
        <source>%1 of these products are no longer in the catalog (shown as they were when added).</source>
        <translation>其中 %1 件商品已不在目录中（按加入时的信息显示）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="108"/>
        <source>Price drops since the last catalog update: %1</source>
        <translation>上次目录更新以来降价的商品：%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="118"/>
        <source>%1 (no longer in the catalog)</source>
        <translation>%1（已不在目录中）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="125"/>
        <source>%1 (was %2)</source>
        <translation>%1（原价 %2）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="147"/>
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="152"/>
        <source>Uncompare</source>
        <translation>取消比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="152"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="157"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="184"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="184"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="186"/>
        <source>Export the list</source>
        <translation>导出清单</translation>
    </message>
</context>
<context>
    <name>ListsView</name>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="214"/>
        <source>Saved</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="215"/>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/lists_view.py" line="229"/>
        <source>Cart (%1)</source>
        <translation>购物车 (%1)</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <location filename="../../desktop_app/long_task.py" line="28"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="39"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/long_task.py" line="68"/>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/main_window.py" line="98"/>
        <source>Aisle — your offline shopping assistant</source>
        <translation>Aisle — 你的离线购物助手</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="100"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="100"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="100"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="100"/>
        <source>For you</source>
        <translation>为你推荐</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="102"/>
        <source>Compare (%1)</source>
        <translation>比较 (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="103"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="103"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="101"/>
        <source>Saved &amp; cart</source>
        <translation>收藏和购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="103"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="130"/>
        <source>Opening the catalog…</source>
        <translation>正在打开目录…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="154"/>
        <source>1 product</source>
        <translation>1 件商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="154"/>
        <source>%1 products</source>
        <translation>%1 件商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="158"/>
        <source>prices as of %1</source>
        <translation>价格截至 %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="165"/>
        <source>Model ready: %1</source>
        <translation>模型就绪：%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/main_window.py" line="166"/>
        <source>No chat model — answers list matching products</source>
        <translation>无对话模型 — 回答将列出匹配的商品</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="38"/>
        <source>Threads: 0 uses the physical cores that other programs leave free, looked at before each answer. GPU layers: -2 detects a GPU, 0 keeps the model on the CPU. Changes apply when the model is reloaded.</source>
        <translation>线程：0 表示使用其他程序空出的物理核心（每次回答前查看）。GPU 层数：-2 自动检测 GPU，0 表示只用 CPU。重新加载模型后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="50"/>
        <source>Graphics card: %1.</source>
        <translation>显卡：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="52"/>
        <source>native build</source>
        <translation>本机构建</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="53"/>
        <source>CPU kernels: %1.</source>
        <translation>CPU 内核：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="55"/>
        <source>Using safe CPU mode because %1.</source>
        <translation>正在使用安全 CPU 模式，因为%1。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="58"/>
        <source>Using the CPU because %1.</source>
        <translation>正在使用 CPU，因为%1。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/model_bridge.py" line="73"/>
        <source> (not installed)</source>
        <translation>（未安装）</translation>
    </message>
</context>
<context>
    <name>PrivacyView</name>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="133"/>
        <source>What Aisle records</source>
        <translation>Aisle 记录了什么</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="135"/>
        <source>On this computer only: your searches, the products you open, what you save, add to the cart, mark as bought or mark as not interested. Nothing is sent anywhere. The catalog itself never changes your history.</source>
        <translation>只保存在这台电脑上：你的搜索、打开的商品、收藏、加入购物车、标记为已购买或不感兴趣的商品。任何内容都不会发送出去。更新商品目录不会改动你的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="138"/>
        <source>Pause recording (nothing new is kept while paused)</source>
        <translation>暂停记录（暂停期间不保存任何新内容）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="140"/>
        <source>Order search results by what I like (once Aisle has learned enough)</source>
        <translation>按我的喜好排列搜索结果（在 Aisle 学到足够多之后）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="141"/>
        <source>What Aisle has learned about you</source>
        <translation>Aisle 了解到的你的喜好</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="142"/>
        <source>Top categories</source>
        <translation>常看的类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="143"/>
        <source>Top brands</source>
        <translation>常看的品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="144"/>
        <source>Price range you look at</source>
        <translation>你关注的价格区间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="147"/>
        <source>Your history</source>
        <translation>你的记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="148"/>
        <source>Delete selected…</source>
        <translation>删除所选…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="151"/>
        <source>the last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="151"/>
        <source>the last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="152"/>
        <source>the last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="154"/>
        <source>Delete from…</source>
        <translation>删除这段时间…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="155"/>
        <source>Delete everything…</source>
        <translation>全部删除…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="156"/>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="157"/>
        <source>Network connections</source>
        <translation>网络连接</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="174"/>
        <source>Nothing learned yet.</source>
        <translation>尚未学到任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="175"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="179"/>
        <source>Nothing yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="189"/>
        <source>Nothing learned yet: open, save or buy a few products and what Aisle learns from them appears here.</source>
        <translation>尚未学到任何内容：打开、收藏或购买几件商品后，Aisle 从中了解到的内容会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="191"/>
        <source>Learned from %1 recorded actions.</source>
        <translation>根据 %1 条记录学习。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="193"/>
        <source>You usually look at %1.</source>
        <translation>你通常关注 %1 的商品。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="195"/>
        <source>Search results are ordered for you.</source>
        <translation>搜索结果已按你的喜好排序。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="201"/>
        <source>Searched</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="201"/>
        <source>Viewed</source>
        <translation>浏览</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="202"/>
        <source>Opened from search</source>
        <translation>从搜索打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="202"/>
        <source>Saved</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="203"/>
        <source>Removed from wishlist</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="203"/>
        <source>Added to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="204"/>
        <source>Bought</source>
        <translation>已购买</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="204"/>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="215"/>
        <source>Showing the newest %1 of %2 actions.</source>
        <translation>显示最近的 %1 条，共 %2 条。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="218"/>
        <source>Your history is empty.</source>
        <translation>你的记录为空。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="226"/>
        <source>allowed</source>
        <translation>已允许</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="226"/>
        <source>blocked</source>
        <translation>已阻止</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="230"/>
        <source>No connection attempts: Aisle has not tried to reach the internet.</source>
        <translation>没有连接尝试：Aisle 从未尝试访问互联网。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="232"/>
        <source>Connections are only made when you download a catalog bundle; anything else is blocked and listed here.</source>
        <translation>只有在你下载商品目录包时才会联网；其他任何连接都会被阻止并列在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="239"/>
        <source>The chat model runs in its own process whose network the operating system has closed (a Linux seccomp filter): it cannot connect anywhere. The list above covers the app itself.</source>
        <translation>聊天模型在单独的进程中运行，操作系统已关闭它的网络（Linux seccomp 过滤器）：它无法连接任何地方。上面的列表记录的是应用本身的连接。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="244"/>
        <source>The chat model runs in its own process in an empty network namespace set up by the operating system: it cannot connect anywhere. The list above covers the app itself.</source>
        <translation>聊天模型在单独的进程中运行，位于操作系统建立的空网络命名空间里：它无法连接任何地方。上面的列表记录的是应用本身的连接。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="248"/>
        <source>On this system the operating system cannot close the chat model&apos;s network; the list above covers connections made by Aisle&apos;s own code, not by native libraries.</source>
        <translation>在此系统上，操作系统无法关闭聊天模型的网络；上面的列表只记录 Aisle 自身代码发起的连接，不包括原生库。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="291"/>
        <source>This deletes your whole history, the profile learned from it, your saved items and your saved chats. It cannot be undone.</source>
        <translation>这将删除您的全部记录、从中学到的偏好、收藏的商品和保存的聊天，无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="263"/>
        <source>Deleted %1 actions.</source>
        <translation>已删除 %1 条记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="269"/>
        <source>Select the actions to delete first.</source>
        <translation>请先选择要删除的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="272"/>
        <source>Delete the selected actions?</source>
        <translation>删除所选记录？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="273"/>
        <source>%1 actions are deleted and what Aisle learned is recomputed from the rest. This cannot be undone.</source>
        <translation>将删除 %1 条记录，并根据剩余记录重新计算 Aisle 了解到的内容。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="281"/>
        <source>Delete recent history?</source>
        <translation>删除最近的记录？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="282"/>
        <source>Everything recorded in %1 is deleted. This cannot be undone.</source>
        <translation>将删除%1内的所有记录。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="290"/>
        <source>Delete everything?</source>
        <translation>全部删除？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="297"/>
        <source>Export your history</source>
        <translation>导出你的记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="298"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/privacy_view.py" line="305"/>
        <source>Exported %1 actions to %2.</source>
        <translation>已将 %1 条记录导出到 %2。</translation>
    </message>
</context>
<context>
    <name>ProductCard</name>
    <message>
        <location filename="../../desktop_app/product_card.py" line="35"/>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="44"/>
        <source>no ratings yet</source>
        <translation>暂无评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="53"/>
        <source>♥ Saved</source>
        <translation>♥ 已收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="55"/>
        <source>In cart: %1</source>
        <translation>购物车中：%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_card.py" line="96"/>
        <source>No image offline</source>
        <translation>离线时无图片</translation>
    </message>
</context>
<context>
    <name>ProductQuestion</name>
    <message>
        <location filename="../../desktop_app/product_question.py" line="71"/>
        <source>Ask about this product, e.g. “How long does the battery last?”</source>
        <translation>询问这件商品，例如“电池能用多久？”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_question.py" line="72"/>
        <source>Ask about this product</source>
        <translation>询问这件商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_question.py" line="73"/>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_question.py" line="106"/>
        <source>(no answer)</source>
        <translation>（没有回答）</translation>
    </message>
</context>
<context>
    <name>ProductView</name>
    <message>
        <location filename="../../desktop_app/product_view.py" line="123"/>
        <source>Pick a product in Search, Chat or For you to see its details here.</source>
        <translation>在“搜索”、“聊天”或“为你推荐”中选择一件商品，即可在这里查看详情。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="126"/>
        <source>♡ Save</source>
        <translation>♡ 收藏</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="126"/>
        <source>♥ Saved (click to remove)</source>
        <translation>♥ 已收藏（点击取消）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="127"/>
        <source>In cart: %1 — add one more</source>
        <translation>购物车中：%1 — 再加一件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="128"/>
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="129"/>
        <source>Mark as bought</source>
        <translation>标记为已购买</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="129"/>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="136"/>
        <source>Remove from the comparison</source>
        <translation>从比较中移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="137"/>
        <source>Compare (%1 chosen)</source>
        <translation>比较（已选 %1 件）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="138"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="139"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="140"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="140"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="141"/>
        <source>Similar items</source>
        <translation>相似商品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="142"/>
        <source>Price in each catalog version installed here</source>
        <translation>本机安装过的各个目录版本中的价格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="174"/>
        <source>This product is no longer in the catalog.</source>
        <translation>该商品已不在目录中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="205"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="206"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="207"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="207"/>
        <source>Availability</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="234"/>
        <source>Because you viewed %1</source>
        <translation>因为你浏览过 %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="244"/>
        <source>Four products are being compared already: remove one on the Compare page first.</source>
        <translation>已在比较四件商品：请先在“比较”页移除一件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="247"/>
        <source>Added. Open Compare to see them side by side.</source>
        <translation>已加入。打开“比较”即可并排查看。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="264"/>
        <source>Added to your cart.</source>
        <translation>已加入购物车。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="268"/>
        <source>Removed from your saved list.</source>
        <translation>已从收藏中移除。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="271"/>
        <source>Saved. Find it under Saved &amp; cart.</source>
        <translation>已收藏，可在“收藏和购物车”中找到。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="276"/>
        <source>Marked as bought. It won&apos;t be suggested again.</source>
        <translation>已标记为已购买，以后不会再推荐。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="279"/>
        <source>Recording is paused, so this was not kept. Turn recording back on in Privacy.</source>
        <translation>记录已暂停，因此未保存。可在“隐私”页重新开启记录。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/product_view.py" line="277"/>
        <source>Got it — we won&apos;t suggest this again.</source>
        <translation>好的 — 不会再推荐它了。</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../desktop_app/search_view.py" line="169"/>
        <source>Search products (Ctrl+K)…</source>
        <translation>搜索商品 (Ctrl+K)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="170"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="171"/>
        <source>Best match</source>
        <translation>最相关</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="171"/>
        <source>Price: low to high</source>
        <translation>价格从低到高</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="172"/>
        <source>Price: high to low</source>
        <translation>价格从高到低</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="172"/>
        <source>Top rated</source>
        <translation>评分最高</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="174"/>
        <source>Any rating</source>
        <translation>不限评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="174"/>
        <source>4.5 stars &amp; up</source>
        <translation>4.5 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="174"/>
        <source>4 stars &amp; up</source>
        <translation>4 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="175"/>
        <source>3 stars &amp; up</source>
        <translation>3 星及以上</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="183"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="184"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="186"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="187"/>
        <source>Min price</source>
        <translation>最低价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="188"/>
        <source>Max price</source>
        <translation>最高价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="189"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="190"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="191"/>
        <source>‹ Previous</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="192"/>
        <source>Next ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="302"/>
        <source>1 result</source>
        <translation>1 个结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="302"/>
        <source>%1 results</source>
        <translation>%1 个结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="305"/>
        <source>showing results for “%1”, translated with the chat model</source>
        <translation>显示“%1”的结果（由聊天模型翻译）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="308"/>
        <source>showing results for “%1”</source>
        <translation>显示“%1”的结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="314"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="324"/>
        <source>All brands</source>
        <translation>全部品牌</translation>
    </message>
    <message>
        <location filename="../../desktop_app/search_view.py" line="337"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="110"/>
        <source>Choose a GGUF model file</source>
        <translation>选择 GGUF 模型文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="111"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="166"/>
        <source>Import a product feed</source>
        <translation>导入商品数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="212"/>
        <source>Chat model</source>
        <translation>对话模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="213"/>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="214"/>
        <source>Language and appearance</source>
        <translation>语言和外观</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="215"/>
        <source>Choose a GGUF file…</source>
        <translation>选择 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="216"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="216"/>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="216"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="217"/>
        <source>Context size (tokens)</source>
        <translation>上下文长度（词元）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="220"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="221"/>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="223"/>
        <source>Apply and reload the model</source>
        <translation>应用并重新加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="224"/>
        <source>Load the chat model when Aisle starts</source>
        <translation>启动 Aisle 时加载聊天模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="226"/>
        <source>When this is off, the model loads at your first question, and Aisle uses less memory until then.</source>
        <translation>关闭后，模型会在您第一次提问时加载，在此之前 Aisle 占用的内存更少。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="229"/>
        <source>Importing a feed replaces the products of the current catalog. Your history and saved items are kept.</source>
        <translation>导入商品数据会替换当前目录中的商品。你的浏览记录和收藏会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="231"/>
        <source>Import a feed file…</source>
        <translation>导入商品数据文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="232"/>
        <source>Catalog bundle URL or file</source>
        <translation>目录包链接或文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="233"/>
        <source>Download and install</source>
        <translation>下载并安装</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="235"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings_view.py" line="237"/>
        <source>The theme follows your system&apos;s light or dark setting.</source>
        <translation>主题跟随系统的浅色或深色设置。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop_app/startup.py" line="35"/>
        <source>Preparing the demo catalog…</source>
        <translation>正在准备示例目录…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/startup.py" line="57"/>
        <source>Aisle repaired some files</source>
        <translation>Aisle 修复了一些文件</translation>
    </message>
</context>
</TS>
