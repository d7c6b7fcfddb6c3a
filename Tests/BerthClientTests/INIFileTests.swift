import BerthClient
import Testing

@Suite("INIFile: the AWS shared files' syntax")
struct INIFileTests {
    @Test func sectionsKeysCommentsAndNestedValues() {
        let file = INIFile(
            parsing: """
                orphan = ignored
                [default]
                Region = us-west-2 \r
                ; comment
                # comment
                [ profile x ]
                s3 =
                  addressing_style = path
                endpoint_url=http://a:1
                not a setting
                """)
        #expect(file.sections["default"] == ["region": "us-west-2"])
        #expect(file.sections["profile x"]?["endpoint_url"] == "http://a:1")
        #expect(file.sections["profile x"]?["s3"] == "\naddressing_style = path")
        #expect(file.sections.count == 2)
    }
}
