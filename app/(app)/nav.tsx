"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** Primary navigation; marks the current section for assistive technology. */
export function Nav({ items }: { items: { id: string; label: string; href: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="nav">
      {items.map((item) => {
        const isCurrent = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.id} href={item.href} aria-current={isCurrent ? "page" : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
