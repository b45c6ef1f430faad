# gazette 在终端和预览浮层中的中文文字。站点主要语言为中文（或 GAZETTE_LANG=zh）时使用。
severity-error = 错误：
severity-warning = 警告：
help = 提示：
summary-errors = 共 { $errors } 个错误{ $warnings ->
    [0] {""}
   *[other] ，{ $warnings } 个警告
}
summary-clean = 没有错误{ $warnings ->
    [0] {""}
   *[other] ，{ $warnings } 个警告
}
overlay-title = gazette：最近一次生成失败，本页显示的是上一次成功生成的结果。
ahead-title = 待发生的变化（在该日期或之后生成时生效）：
ahead-publishes = 发布
ahead-retires = 从列表和订阅中撤下
ahead-line = {"  "}{ $day }  { $what }：{ $title }（{ $source }）
# 尚未逐条翻译的消息：先给出该类问题的中文说明，再附英文原文。
untranslated = { $meaning }（{ $message }）

## 逐条翻译的消息（id 见 gazette-core 的 diag/messages.rs），`-help` 为提示。

yaml = YAML 格式错误：{ $detail }
yaml-help = 检查这一行的写法：每行一个 `键: 值`，冒号和空格都用半角，缩进只用空格
yaml-full-width-colon = `{ $key }` 后面是全角冒号 `：`，YAML 需要半角冒号 `:`
yaml-full-width-colon-help = 改为 `{ $key }: …`，冒号和后面的空格都用半角
yaml-full-width-space-indent = 缩进中有全角空格 `　`
yaml-full-width-space-indent-help = 缩进只用半角空格，与上下行对齐
yaml-full-width-space-after = `{ $key }:` 后面是全角空格 `　`，YAML 需要半角空格
yaml-full-width-space-after-help = 改为 `{ $key }: …`，冒号后用半角空格
yaml-full-width-dash = 这一行以 `{ $dash }` 开头，列表项需要半角的 `-`
yaml-full-width-dash-help = 列表项写作 `- 内容`：半角连字符加一个空格
yaml-no-space = `{ $key }:` 后面没有空格，YAML 会把整行当作文字，而不是键和值
yaml-no-space-help = 在冒号后加一个半角空格：`{ $key }: …`
yaml-full-width-bracket = `{ $key }` 的值以全角括号开头，YAML 会把它当作文字而不是列表
yaml-full-width-bracket-help = 一行写完的列表用半角方括号和逗号：`[党建, 会议]`
yaml-full-width-comma = `{ $key }` 中用了全角的 `{ $comma }`，YAML 会把两边当作同一项
yaml-full-width-comma-help = 各项之间用半角逗号分隔：`[党建, 会议]`
yaml-item-indented-more = 这一项比上一项缩进得多，YAML 会把它当作上一项文字的延续（两项被合并）
yaml-item-indented-more-help = 同一列表的各项对齐：把这一行的 `-` 放在第 { $column } 列
yaml-item-indented-less = 这一项比上面的各项缩进得少
yaml-item-indented-less-help = 同一列表的各项对齐：把这一行的 `-` 放在第 { $column } 列
yaml-key-indented-more = `{ $key }:` 比上面的 `{ $above }:` 缩进得多，而 `{ $above }` 的值是文字，YAML 无法把它读作键
yaml-key-indented-more-help = 同一层的键从同一列开始：删去 { $spaces } 个空格
unknown-field = 未知的字段 `{ $key }`
missing-field = 缺少必填字段 `{ $key }`
not-a-date = `{ $key }` 的值 `{ $value }` 不是日期
not-a-date-help = 写作 `YYYY-MM-DD`，或带时间的 `2024-12-13T14:30:00+08:00`
broken-link = 链接 `@/{ $target }` 指向的页面不存在
broken-link-help = 站内链接写 `content/` 下的文件路径，例如 `@/news/2024-12-13-preparatory.md`
held-link = 链接 `@/{ $target }` 指向的页面本次不发布（草稿或定时发布）
held-link-help = 让本页不早于它发布（`publish_date:`），或等它发布后再加链接
missing-file = 链接的文件 `{ $url }` 不存在
missing-beian = { $url } 是中国大陆的网址，但 site.yaml 没有 `beian:` 备案号
missing-beian-help = 加上 `beian: {"{"} icp: 皖ICP备2024012345号-1, police: 皖公网安备34010402000001号 {"}"}`（换成本站的备案号）：在中国大陆托管的网站须在每页底部展示
placeholder = “{ $text }”是 `gazette new` 写入的示例文字，而本页已发布
placeholder-help = 改写为正式内容，或保留 `draft: true` 直到写好

## 每类问题（诊断代码）的中文说明。

code-adopted-not-newest = 较新的版本已施行，这一版本仍标为已通过
code-alias = 别名不是可用的路径，或与页面冲突
code-base-url = `base_url` 或 `--base-url` 不是完整的 http(s) 网址
code-broken-anchor = 链接指向的标题锚点不存在
code-broken-link = 站内链接（`@/…`）指向的文件不存在
code-case-clash = 两个文件的路径只有大小写不同
code-date = 无法读取的日期或时间
code-duplicate-url = 两篇文档会写到同一个网址
code-encoding = 文件不是有效的 UTF-8 编码
code-file-name = 文件名不是有效的 UTF-8
code-front-matter = 缺少前置信息块 `---`，或没有结束
code-heading-level = 标题跳过了一级
code-image-alt = 图片缺少替代文字
code-invalid-value = 前置信息中的值格式不对
code-language = 文件名中的语言代码不是本站的语言
code-member-without-meeting = 成员单位没有承办或参加过任何会议
code-missing-field = 缺少必填的前置信息字段
code-missing-image = 图片路径在 `static/` 下没有对应文件
code-no-config = 站点文件夹中没有 `site.yaml`
code-past-scheduled = 已过去的会议仍标为已安排
code-not-updated = 已发布会议的时间或状态改了，但没有更新 `updated`
code-rotation-gap = 有些日期没有牵头单位
code-rotation-overlap = 牵头单位的任期重叠
code-search = 无法生成搜索索引
code-slug = slug 为空、是保留字或不能用于网址
code-channel = site.yaml 中的栏目无法生成，或有日期的文件所在文件夹不是栏目
code-image = 图片无法读取或过大，或文件不在任何页面文件夹中
code-missing-file = 链接的文件（PDF、照片）本站没有
code-missing-alt = 图片没有替代文字，读屏软件无法描述
code-superseded-early = 规则版本标为已被取代，但取代它的版本尚未施行
code-supersedes-cycle = 规则版本之间循环取代
code-symlink = 指向站外或不存在位置的符号链接
code-tag = 标签生成的 slug 为空
code-template = 模板缺失、无法解析或渲染失败
code-term = 无法读取的牵头单位任期
code-timezone = 时区名称不在 IANA 时区数据库中
code-paginate = `paginate_by` 为零
code-slugify = `slugify` 不是可用的模式
code-placeholder = 已发布的文档仍含 `gazette new` 写入的示例文字
code-example-base-url = `base_url` 仍是 `gazette init` 写入的示例地址
code-beian = 中国大陆网址（`.cn`、`.中国`）的中文网站没有展示备案号（`beian:`）
code-output-clash = 一个输出文件占了另一个文件所需的文件夹，或用了 gazette 自留的名字
code-too-large = 文件超过 16 MB 的上限
code-too-deep = YAML 或 Markdown 嵌套过深
code-path-too-long = slug、标签或文件夹名太长，无法作为文件名
code-unknown-field = gazette 不认识的前置信息或 site.yaml 字段
code-unknown-reference = 成员单位、规则或其他 slug 指向不存在的对象
code-yaml = 无法解析的 YAML
code-yaml-shape = YAML 的结构不对（例如该写映射的地方写了列表）
code-test = 测试
