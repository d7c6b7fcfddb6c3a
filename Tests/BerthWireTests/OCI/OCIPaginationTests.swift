import BerthWire
import Testing

@Suite struct OCIPaginationTests {
    @Test func parsesNAndLast() throws {
        #expect(OCIPagination.parse(n: nil, last: nil) == .success(OCIPagination(n: 1000)))
        #expect(try OCIPagination.parse(n: nil, last: nil).get().pageSize == 1000)
        #expect(try OCIPagination.parse(n: "5", last: "b").get() == OCIPagination(n: 5, last: "b"))
        #expect(try OCIPagination.parse(n: "007", last: nil).get().pageSize == 7)
        #expect(try OCIPagination.parse(n: "0", last: nil).get().pageSize == 0)
        #expect(try OCIPagination.parse(n: "", last: "").get() == OCIPagination())
        #expect(try OCIPagination.parse(n: "", last: "").get().last == nil)
        #expect(try OCIPagination.parse(n: "5000", last: nil).get().pageSize == 1000)
        #expect(try OCIPagination.parse(n: "99999999999999999999999999", last: nil).get().pageSize == 1000)
        #expect(OCIPagination(n: -3).pageSize == 0)
    }

    @Test(arguments: ["-1", "abc", "1.5", " 5", "5 ", "+5", "0x10", "١"])
    func rejectsBadN(_ n: String) {
        #expect(OCIPagination.parse(n: n, last: nil) == .failure(OCIError(.paginationNumberInvalid, detail: .fields(["n": n]))))
        #expect(OCIPagination.parse(n: n, last: nil).failure?.httpStatus == 400)
    }

    @Test func pagesInByteOrder() {
        let items = ["b", "a", "d", "c", "B"]
        let first = OCIPagination(n: 2).page(items)
        #expect(first == OCIPage(items: ["B", "a"], pageSize: 2, hasMore: true))
        #expect(first.tagsListLinkHeader(name: "team/app") == #"</v2/team/app/tags/list?n=2&last=a>; rel="next""#)
        let second = OCIPagination(n: 2, last: "a").page(items)
        #expect(second.items == ["b", "c"])
        #expect(second.hasMore)
        let third = OCIPagination(n: 2, last: "c").page(items)
        #expect(third == OCIPage(items: ["d"], pageSize: 2, hasMore: false))
        #expect(third.tagsListLinkHeader(name: "team/app") == nil)
        // `last` need not be present in the list.
        #expect(OCIPagination(n: 10, last: "bb").page(items).items == ["c", "d"])
        // Exactly the remaining count: no further page.
        #expect(OCIPagination(n: 5).page(items).hasMore == false)
        #expect(OCIPagination().page([]) == OCIPage(items: [], pageSize: 1000, hasMore: false))
    }

    @Test func zeroReturnsEmptyWithoutLink() {
        let page = OCIPagination(n: 0).page(["a", "b"])
        #expect(page.items.isEmpty)
        #expect(!page.hasMore)
        #expect(page.catalogLinkHeader() == nil)
    }

    @Test func defaultPageIsCappedWithLink() {
        let tags = (0..<2500).map { "t" + String(1_000_000 + $0) }
        let page = OCIPagination().page(tags.reversed())
        #expect(page.items.count == 1000)
        #expect(page.items.first == "t1000000")
        #expect(page.tagsListLinkHeader(name: "ab") == #"</v2/ab/tags/list?n=1000&last=t1000999>; rel="next""#)
    }

    @Test func catalogLinkKeepsSlashesAndEscapesTheRest() {
        let page = OCIPagination(n: 1).page(["team/app", "zz"])
        #expect(page.catalogLinkHeader() == #"</v2/_catalog?n=1&last=team/app>; rel="next""#)
        let odd = OCIPage(items: ["a b&c=é"], pageSize: 1, hasMore: true)
        #expect(odd.linkHeader(path: "/v2/_catalog") == #"</v2/_catalog?n=1&last=a%20b%26c%3D%C3%A9>; rel="next""#)
    }
}
